import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

extension ACDContext {
    /// A path parameter, percent-decoded (agent ids such as `billing_team#3` arrive as `billing_team%233`).
    func param(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

func intQuery(_ request: Request, _ name: String) -> Int? {
    request.uri.queryParameters[Substring(name)].flatMap { Int($0) }
}

/// The server's routes: `/` (wallboard), `/metrics`, and the JSON API under `/v1`.
public func buildRouter(engine: Engine, tokens: TokenStore, metrics: ServerMetrics) -> Router<ACDContext> {
    let router = Router(context: ACDContext.self)
    router.add(middleware: ErrorAndMetricsMiddleware(metrics: metrics))
    router.get("/") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: Wallboard.html)))
    }
    router.get("/metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
    }
    router.get("/healthz") { _, _ in jsonResponse(["status": "ok"]) }
    router.get("/openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_json)))
    }

    let v1 = router.group("v1").add(middleware: AuthMiddleware(tokens: tokens))

    // Telephony / chat platform.
    v1.post("contacts") { request, context in
        _ = try context.require([.telephony, .supervisor])
        let body = try await decodeBody(ArrivalRequest.self, request, context, plain: ArrivalRequest.plain)
        return jsonResponse(try await engine.arrive(body), status: .created)
    }
    v1.get("contacts/:id") { _, context in
        let id = try context.param("id")
        let p = try context.require([.telephony, .supervisor, .agent])
        let view = try await engine.view(id)
        if case .agent(let me) = p, view.agent != me { throw APIError(.forbidden, "contact '\(id)' is not offered or assigned to agent \(me)") }
        return jsonResponse(view)
    }
    v1.post("contacts/:id/:action") { request, context in
        let id = try context.param("id")
        let action = try context.param("action")
        let command: Engine.ContactCommand
        let p: Principal
        switch action {
        case "abandon", "callback":
            p = try context.require([.telephony, .supervisor])
            _ = try await decodeBody(EmptyRequest.self, request, context, emptyAs: EmptyRequest())
            command = action == "abandon" ? .abandon : .callback
        case "accept", "reject", "wrap-up-done":
            p = try context.require([.agent, .supervisor])
            _ = try await decodeBody(EmptyRequest.self, request, context, emptyAs: EmptyRequest())
            command = action == "accept" ? .accept : action == "reject" ? .reject : .wrapUpDone
        case "finish":
            p = try context.require([.agent, .supervisor])
            let body = try await decodeBody(FinishRequest.self, request, context, emptyAs: FinishRequest())
            command = .finish(wrapUpSeconds: body.wrapUpSeconds)
        default: throw APIError(.notFound, "unknown contact action '\(action)'")
        }
        return jsonResponse(try await engine.contact(id, command, by: p))
    }

    // Agent desktop.
    v1.get("agents/:id") { _, context in
        let id = try context.param("id")
        _ = try context.require([.agent, .supervisor], agent: id)
        return jsonResponse(try await engine.agentView(id))
    }
    v1.post("agents/:id/:action") { request, context in
        let id = try context.param("id")
        let action = try context.param("action")
        _ = try context.require([.agent, .supervisor], agent: id)
        let command: Engine.AgentCommand
        switch action {
        case "login", "ready":
            _ = try await decodeBody(EmptyRequest.self, request, context, emptyAs: EmptyRequest())
            command = action == "login" ? .login : .ready
        case "logout":
            let body = try await decodeBody(LogoutRequest.self, request, context, emptyAs: LogoutRequest())
            command = .logout(whenDone: body.whenDone)
        case "not-ready":
            let body = try await decodeBody(NotReadyRequest.self, request, context)
            command = .notReady(reason: body.reason)
        default: throw APIError(.notFound, "unknown agent action '\(action)'")
        }
        return jsonResponse(try await engine.agent(id, command))
    }
    v1.get("agents/:id/offers") { request, context in
        let id = try context.param("id")
        _ = try context.require([.agent, .supervisor], agent: id)
        let limit = intQuery(request, "limit")
        let (subscriber, stream) = try await engine.subscribeOffers(id)
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: ResponseBody { writer in
                            var sent = 0
                            do {
                                try await writer.write(ByteBuffer(string: ": offers for \(id)\n\n"))
                                for await message in stream {
                                    try await writer.write(ByteBuffer(string: "event: offer\ndata: \(message)\n\n"))
                                    sent += 1
                                    if let limit, sent >= limit { break }
                                }
                            } catch {}
                            await engine.unsubscribe(id, subscriber)
                            try await writer.finish(nil)
                        })
    }

    // Supervisor.
    v1.get("stats") { _, context in
        _ = try context.require([.supervisor])
        return jsonResponse(try await engine.stats())
    }
    v1.get("stats/stream") { request, context in
        _ = try context.require([.supervisor])
        let limit = intQuery(request, "limit")
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                        body: ResponseBody { writer in
                            var sent = 0
                            var seen = -1
                            var last = ContinuousClock.now - .seconds(10)
                            while !(await engine.closed) {
                                let version = await engine.version
                                if version != seen || ContinuousClock.now - last >= .seconds(1) {
                                    let stats = try await engine.stats()
                                    let data = String(decoding: try apiEncoder.encode(stats), as: UTF8.self)
                                    try await writer.write(ByteBuffer(string: "event: stats\ndata: \(data)\n\n"))
                                    seen = version
                                    last = ContinuousClock.now
                                    sent += 1
                                    if let limit, sent >= limit { break }
                                }
                                try await Task.sleep(for: .milliseconds(200))
                            }
                            try await writer.finish(nil)
                        })
    }
    v1.put("agents/:id/skills") { request, context in
        let id = try context.param("id")
        _ = try context.require([.supervisor])
        let body = try await decodeBody(SkillsRequest.self, request, context)
        return jsonResponse(try await engine.setSkills(id, body.skills))
    }
    v1.post("config/reload") { request, context in
        _ = try context.require([.supervisor])
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(.contentTooLarge, "request body larger than \(context.maxUploadSize) bytes")
        }
        guard let yaml = String(bytes: buffer.readableBytesView, encoding: .utf8), !yaml.isEmpty else {
            throw APIError(.badRequest, "body must be the scenario YAML (UTF-8)")
        }
        return jsonResponse(try await engine.reload(yaml))
    }
    return router
}

/// Stops the engine when the service group shuts down gracefully (SIGTERM, SIGINT).
struct EngineService: Service {
    let engine: Engine
    func run() async throws {
        try? await gracefulShutdown()
        await engine.shutdown()
    }
}

/// Options of `acd serve`.
public struct ServeOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "data"
    /// Offer time-out for queues without one, seconds (0: assign at once); used when a journal starts.
    public var offerTimeoutSeconds: Double = 15
    /// Records between journal compactions (0: never).
    public var snapshotEvery = 100_000
    /// What an acknowledged event survives (see `Journal.Durability`).
    public var durability = Journal.Durability.full
    public var config: String
    public var tokens: TokenStore
    public init(config: String, tokens: TokenStore) {
        self.config = config
        self.tokens = tokens
    }
}

/// Runs the production server until SIGTERM or SIGINT.
public func runServer(_ options: ServeOptions) async throws {
    var logger = Logger(label: "acd")
    logger.logLevel = .info
    try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
    let journal = try Journal(path: options.dataDirectory + "/journal.sqlite", durability: options.durability)
    let metrics = ServerMetrics()
    let started = ContinuousClock.now
    let engine = try Engine(journal: journal, defaultConfig: options.config,
                            offerTimeoutSeconds: options.offerTimeoutSeconds > 0 ? options.offerTimeoutSeconds : nil,
                            snapshotEvery: options.snapshotEvery, metrics: metrics, logger: logger)
    await engine.start()
    let synchronous = try journal.synchronousSetting()
    let mode = try journal.journalMode()
    logger.info("journal recovered", metadata: [
        "records": "\(engine.recovered)", "seconds": "\((ContinuousClock.now - started) / .seconds(1))",
        "durability": "\(journal.durability.rawValue)", "synchronous": "\(synchronous)", "journalMode": "\(mode)",
    ])
    let router = buildRouter(engine: engine, tokens: options.tokens, metrics: metrics)
    var app = Application(router: router,
                          configuration: .init(address: .hostname(options.host, port: options.port), serverName: "acd"),
                          logger: logger)
    app.addServices(EngineService(engine: engine))
    try await app.runService()
}
