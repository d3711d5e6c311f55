import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Server

let testConfig = """
    name: server-test
    duration: 1h
    queues:
      - name: sales
        arrivals: { rate_per_hour: 10 }
        handle_time: { dist: exponential, mean: 60s }
        target: { service_level: 0.8, within: 20s }
      - name: support
        arrivals: { rate_per_hour: 10 }
        handle_time: { dist: exponential, mean: 60s }
        target: { service_level: 0.8, within: 30s }
    agents:
      - group: team
        count: 2
        skills: { sales: 5, support: 5 }
    """

/// A clock the test moves by hand (µs).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64
    init(_ start: Int64 = 1_767_225_600_000_000) { value = start }  // 2026-01-01T00:00:00Z
    var now: Int64 { lock.withLock { value } }
    func advance(seconds: Double) { lock.withLock { value += Int64(seconds * 1_000_000) } }
}

enum Token {
    static let telephony = "telephony-token-0001"
    static let supervisor = "supervisor-token-001"
    static let agent1 = "agent1-token-000001"
    static let agent2 = "agent2-token-000002"
}

let testTokens = try! TokenStore(parsing: """
    \(Token.telephony) telephony
    \(Token.supervisor) supervisor  # the wallboard
    \(Token.agent1) agent team#1
    \(Token.agent2) agent team#2
    """)

/// This test process's directory for journals, snapshots and archives,
/// removed with everything in it when the process exits (tests reopen
/// journals by path, so each test's files live as long as the process).
let journalRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("acd-server-tests-\(getpid())")
    try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit {
        try? FileManager.default.removeItem(
            at: FileManager.default.temporaryDirectory.appendingPathComponent("acd-server-tests-\(getpid())"))
    }
    return root
}()

func temporaryJournalPath() -> String {
    let dir = journalRoot.appendingPathComponent(UUID().uuidString)
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("journal.sqlite").path
}

struct Fixture {
    let path: String
    let clock: ManualClock
    let engine: Engine
    let metrics: ServerMetrics

    init(path: String = temporaryJournalPath(), clock: ManualClock = ManualClock(), config: String = testConfig,
         snapshotEvery: Int = 0) throws {
        self.path = path
        self.clock = clock
        metrics = ServerMetrics()
        let c = clock
        engine = try Engine(journal: try Journal(path: path), defaultConfig: config, snapshotEvery: snapshotEvery,
                            clock: { c.now }, metrics: metrics, timers: false)
    }

    /// Runs `body` against the router (`.router`) or a server on a free loopback port (`.live`).
    func test(_ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: buildRouter(engine: engine, tokens: testTokens, metrics: metrics))
        try await app.test(setup, body)
    }
}

struct Reply: Sendable {
    var status: HTTPResponse.Status
    var body: String
    var headers: HTTPFields
    func json() -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: Data(body.utf8)) }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            Reply(status: $0.status, body: String(buffer: $0.body), headers: $0.headers)
        }
    }
}
