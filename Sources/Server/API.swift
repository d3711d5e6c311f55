import Foundation
import Hummingbird
import RoutingCore

/// An API error: a 4xx/5xx status with body `{"error": "..."}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        jsonResponse(["error": message], status: status)
    }
}

let apiEncoder = JSONEncoder()

func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
    let data = (try? apiEncoder.encode(value)) ?? Data("{\"error\":\"encoding failed\"}".utf8)
    var buffer = ByteBuffer()
    buffer.writeBytes(data)
    return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
}

/// A coding key for any name, to list the keys a JSON object has.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Rejects JSON object keys outside `allowed` (request bodies are strict:
/// an unknown field is a client error, never silently ignored).
func rejectUnknownKeys(_ decoder: any Decoder, _ allowed: Set<String>) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    for key in container.allKeys where !allowed.contains(key.stringValue) {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key],
                                                debugDescription: "unknown field '\(key.stringValue)'"))
    }
}

/// Decodes a strict JSON body; every problem becomes a 400 naming the field.
/// `plain`, when given, reads the common shape faster (nil: not that shape).
func decodeBody<T: Decodable>(_ type: T.Type, _ request: Request, _ context: some RequestContext,
                              emptyAs empty: T? = nil, plain: ((UnsafeRawBufferPointer) -> T?)? = nil) async throws -> T {
    let buffer: ByteBuffer
    do {
        buffer = try await request.body.collect(upTo: context.maxUploadSize)
    } catch {
        throw APIError(.contentTooLarge, "request body larger than \(context.maxUploadSize) bytes")
    }
    if buffer.readableBytes == 0, let empty { return empty }
    if let plain, let value = buffer.withUnsafeReadableBytes(plain) { return value }
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let error as DecodingError {
        throw APIError(.badRequest, describe(error))
    } catch {
        throw APIError(.badRequest, "invalid JSON body")
    }
}

func describe(_ error: DecodingError) -> String {
    func path(_ c: DecodingError.Context) -> String {
        let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return p.isEmpty ? "body" : p
    }
    switch error {
    case .typeMismatch(let type, let c): return "\(path(c)): wrong type, expected \(type)"
    case .valueNotFound(_, let c): return "\(path(c)): must not be null"
    case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
    case .dataCorrupted(let c):
        if c.codingPath.isEmpty { return "invalid JSON body: \(c.debugDescription)" }
        return "\(path(c)): \(c.debugDescription)"
    @unknown default: return "invalid body"
    }
}

// MARK: Request bodies

/// `POST /v1/contacts`.
public struct ArrivalRequest: Decodable, Sendable {
    public var queue: String
    public var priority: Int32
    public var channel: Channel?
    public var attributes: [String: String]

    public init(queue: String, priority: Int32 = 0, channel: Channel? = nil, attributes: [String: String] = [:]) {
        self.queue = queue
        self.priority = priority
        self.channel = channel
        self.attributes = attributes
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, ["queue", "priority", "channel", "attributes"])
        let c = try decoder.container(keyedBy: AnyKey.self)
        queue = try c.decode(String.self, forKey: AnyKey(stringValue: "queue"))
        priority = try c.decodeIfPresent(Int32.self, forKey: AnyKey(stringValue: "priority")) ?? 0
        channel = try c.decodeIfPresent(Channel.self, forKey: AnyKey(stringValue: "channel"))
        attributes = try c.decodeIfPresent([String: String].self, forKey: AnyKey(stringValue: "attributes")) ?? [:]
    }
}

/// Bodies of actions that take no parameters: empty or `{}`.
public struct EmptyRequest: Decodable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws { try rejectUnknownKeys(decoder, []) }
}

/// `POST /v1/agents/{id}/not-ready`.
public struct NotReadyRequest: Decodable, Sendable {
    public var reason: Int32
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, ["reason"])
        reason = try decoder.container(keyedBy: AnyKey.self).decode(Int32.self, forKey: AnyKey(stringValue: "reason"))
    }
}

/// `POST /v1/agents/{id}/logout`: `{"whenDone": true}` logs out after the last contact.
public struct LogoutRequest: Decodable, Sendable {
    public var whenDone: Bool
    public init() { whenDone = false }
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, ["whenDone"])
        whenDone = try decoder.container(keyedBy: AnyKey.self)
            .decodeIfPresent(Bool.self, forKey: AnyKey(stringValue: "whenDone")) ?? false
    }
}

/// `POST /v1/contacts/{id}/finish`: optional wrap-up length.
public struct FinishRequest: Decodable, Sendable {
    public var wrapUpSeconds: Double?
    public init() {}
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, ["wrapUpSeconds"])
        wrapUpSeconds = try decoder.container(keyedBy: AnyKey.self)
            .decodeIfPresent(Double.self, forKey: AnyKey(stringValue: "wrapUpSeconds"))
    }
}

/// `PUT /v1/agents/{id}/skills`.
public struct SkillsRequest: Decodable, Sendable {
    public struct Skill: Decodable, Sendable {
        public var skill: String
        public var level: Int
        public init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(decoder, ["skill", "level"])
            let c = try decoder.container(keyedBy: AnyKey.self)
            skill = try c.decode(String.self, forKey: AnyKey(stringValue: "skill"))
            level = try c.decode(Int.self, forKey: AnyKey(stringValue: "level"))
        }
    }
    public var skills: [Skill]
    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, ["skills"])
        skills = try decoder.container(keyedBy: AnyKey.self).decode([Skill].self, forKey: AnyKey(stringValue: "skills"))
    }
}

// MARK: Responses

/// A contact as the API reports it.
public struct ContactView: Codable, Sendable, Equatable {
    public var id: String
    public var queue: String
    public var channel: Channel
    public var priority: Int32
    public var state: ContactState
    public var agent: String?
    /// Contacts ahead in line (0: next); nil once no longer waiting.
    public var position: Int?
    /// Expected remaining wait, seconds; nil when not waiting or no estimate.
    public var expectedWaitSeconds: Double?
    public var callback: Bool
    public var attributes: [String: String]?
}

public struct AgentView: Codable, Sendable, Equatable {
    public var id: String
    public var state: String
    public var notReadyReason: Int32?
}

public struct QueueStatsView: Codable, Sendable, Equatable {
    public var queue: String
    public var waiting: Int
    public var longestWaitSeconds: Double
    public var offeredToday: Int
    public var answeredToday: Int
    public var abandonedToday: Int
    /// Answered within the queue's target / (offered - short abandons), today; nil before the first contact.
    public var serviceLevelToday: Double?
    public var targetSeconds: Double
    public var averageSpeedOfAnswerSeconds: Double?
}

public struct StatsView: Codable, Sendable, Equatable {
    public var time: Double
    public var queues: [QueueStatsView]
    public var agents: [String: Int]
    public var liveContacts: Int
}

func statusName(_ s: AgentStatus) -> String {
    switch s {
    case .loggedOut: "logged-out"
    case .available: "available"
    case .reserved: "reserved"
    case .busy: "busy"
    case .wrapUp: "wrap-up"
    case .notReady: "not-ready"
    }
}

func rejectionMessage(_ r: RoutingRejection) -> String {
    switch r {
    case .timeWentBackwards: "time went backwards"
    case .staleContact: "the contact is gone (finished or abandoned)"
    case .wrongContactState: "the contact is not in a state where this applies"
    case .unknownAgent: "unknown agent"
    case .unknownQueue: "unknown queue"
    case .wrongAgentState: "the agent is not in a state where this applies"
    case .agentHasContacts: "the agent still holds contacts"
    case .invalidSkills: "invalid skills"
    }
}
