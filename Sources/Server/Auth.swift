import Foundation
import Hummingbird

/// Who is calling: a role, and for agents the agent they are.
public enum Principal: Sendable, Equatable {
    /// A telephony or chat platform adapter: contacts arrive, abandon, ask for callbacks.
    case telephony
    /// An agent's desktop: may act only as this agent.
    case agent(String)
    /// A supervisor: statistics, skills, configuration; may act for any agent.
    case supervisor
}

/// Bearer tokens and the principal each stands for.
///
/// Format (file or `ACD_TOKENS`, entries separated by newlines or `;`):
/// `<token> telephony`, `<token> supervisor`, `<token> agent <agent-id>`;
/// `#` starts a comment. Tokens are never logged.
public struct TokenStore: Sendable {
    var tokens: [String: Principal]

    public init(_ tokens: [String: Principal]) { self.tokens = tokens }

    public init(parsing text: String) throws {
        var tokens: [String: Principal] = [:]
        let entries = text.split(whereSeparator: { $0 == "\n" || $0 == ";" })
        for (n, raw) in entries.enumerated() {
            // `#` starts a comment as a word of its own (agent ids such as `team#1` contain `#`).
            var fields: [String] = []
            for word in raw.split(whereSeparator: \.isWhitespace) {
                if word.hasPrefix("#") { break }
                fields.append(String(word))
            }
            if fields.isEmpty { continue }
            let principal: Principal
            switch (fields.count, fields.count > 1 ? fields[1] : "") {
            case (2, "telephony"): principal = .telephony
            case (2, "supervisor"): principal = .supervisor
            case (3, "agent"): principal = .agent(fields[2])
            default:
                throw APIError(.badRequest, "tokens entry \(n + 1): expected '<token> telephony|supervisor' or '<token> agent <id>'")
            }
            if fields[0].count < 16 { throw APIError(.badRequest, "tokens entry \(n + 1): token shorter than 16 characters") }
            tokens[fields[0]] = principal
        }
        self.tokens = tokens
    }

    public var isEmpty: Bool { tokens.isEmpty }

    public func principal(for token: Substring) -> Principal? { tokens[String(token)] }
}

/// The request context: Hummingbird's, plus the authenticated principal and
/// a small body limit.
public struct ACDContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Request bodies above 64 KiB are refused with 413.
    public var maxUploadSize: Int { 64 * 1024 }
}

/// Authenticates `Authorization: Bearer <token>` on `/v1`; 401 when absent or unknown.
struct AuthMiddleware: RouterMiddleware {
    let tokens: TokenStore

    func handle(_ request: Request, context: ACDContext,
                next: (Request, ACDContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              let principal = tokens.principal(for: header.dropFirst("Bearer ".count)) else {
            throw APIError(.unauthorized, "missing or unknown bearer token")
        }
        var context = context
        context.principal = principal
        return try await next(request, context)
    }
}

/// Turns every error into a JSON error body, and records request latency.
struct ErrorAndMetricsMiddleware: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ACDContext,
                next: (Request, ACDContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        defer { metrics.requestLatency.record(ContinuousClock.now - start) }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPResponseError {
            let message: String
            switch error.status {
            case .notFound: message = "not found"
            case .methodNotAllowed: message = "method not allowed"
            case .contentTooLarge: message = "request body larger than \(context.maxUploadSize) bytes"
            case .unauthorized: message = "missing or unknown bearer token"
            default: message = error.status.reasonPhrase
            }
            throw APIError(error.status, message)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(type(of: error))"])
            throw APIError(.internalServerError, "internal error")
        }
    }
}

extension ACDContext {
    /// Requires one of the roles; agents pass only for their own id when `agent` is given.
    func require(_ allowed: Set<Role>, agent: String? = nil) throws -> Principal {
        guard let p = principal else { throw APIError(.unauthorized, "missing or unknown bearer token") }
        switch p {
        case .telephony where allowed.contains(.telephony): return p
        case .supervisor where allowed.contains(.supervisor): return p
        case .agent(let id) where allowed.contains(.agent):
            if let agent, agent != id { throw APIError(.forbidden, "an agent may act only as itself") }
            return p
        default: throw APIError(.forbidden, "this role may not do that")
        }
    }
}

enum Role: Sendable { case telephony, agent, supervisor }
