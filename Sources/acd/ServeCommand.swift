import ArgumentParser
import Foundation
import Server

extension Journal.Durability: ExpressibleByArgument {}

/// `acd serve`: the production ACD, the same routing core on the real clock.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the production ACD server (HTTP JSON API, journal, metrics, wallboard).",
        discussion: """
            Without --config, routes with the embedded default scenario's routing sections. \
            The journal (DIR/journal.sqlite) is replayed at start; when it exists, its own \
            configuration wins over --config (change it with POST /v1/config/reload). \
            Bearer tokens come from --tokens FILE or the ACD_TOKENS environment variable \
            (entries '<token> telephony', '<token> supervisor', '<token> agent <agent-id>').
            """
    )

    @Option(help: "Scenario file (YAML) whose routing sections configure the core. Default: the embedded scenario.")
    var config: String?

    @Option(help: "TCP port to listen on.")
    var port: Int = 8080

    @Option(help: "Address to bind (put a TLS-terminating proxy in front; see README).")
    var host: String = "127.0.0.1"

    @Option(help: "Directory of the journal (journal.sqlite).")
    var data: String = "data"

    @Option(help: "Tokens file (one '<token> <role> [agent-id]' per line). Default: $ACD_TOKENS.")
    var tokens: String?

    @Option(name: .customLong("offer-timeout"),
            help: "Seconds an agent has to accept an offer, for queues without their own (0: assign at once). Fixed when the journal starts.")
    var offerTimeout: Double = 15

    @Option(name: .customLong("snapshot-every"),
            help: "Compact the journal every N records: a snapshot of the state replaces them (moved to DIR/archive.sqlite), so restart reads at most about N records. 0: never.")
    var snapshotEvery: Int = 100_000

    @Option(help: ArgumentHelp(
        "What an acknowledged event survives: 'full' (process crash and power loss: every commit is fsynced) or 'process' (process crash, SIGKILL included, not power loss: commits reach the operating system, not the disk; much lower latency).",
        valueName: "full|process"))
    var durability: Journal.Durability = .full

    func validate() throws {
        guard snapshotEvery >= 0 else { throw ValidationError("--snapshot-every must be 0 or more, got \(snapshotEvery)") }
        guard offerTimeout >= 0 && offerTimeout <= 3600 else { throw ValidationError("--offer-timeout must be 0...3600 s, got \(offerTimeout)") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1...65535, got \(port)") }
    }

    func run() throws {
        let text: String
        if let config {
            text = try readText(config, "configuration file")
        } else {
            text = DefaultScenario.text
        }
        _ = try loadScenario(config)  // one-line errors naming file, line and field
        let tokenText: String
        if let tokens {
            tokenText = try readText(tokens, "tokens file")
        } else {
            tokenText = ProcessInfo.processInfo.environment["ACD_TOKENS"] ?? ""
        }
        let store: TokenStore
        do { store = try TokenStore(parsing: tokenText) } catch let e as APIError { throw ValidationError(e.message) }
        if store.isEmpty { throw ValidationError("no bearer tokens: pass --tokens FILE or set ACD_TOKENS") }
        var options = ServeOptions(config: text, tokens: store)
        options.port = port
        options.host = host
        options.dataDirectory = data
        options.offerTimeoutSeconds = offerTimeout
        options.snapshotEvery = snapshotEvery
        options.durability = durability
        let settings = options
        try blockOn { try await runServer(settings) }
    }
}

/// Runs an async body to completion from a synchronous command.
func blockOn(_ body: @escaping @Sendable () async throws -> Void) throws {
    final class Box: @unchecked Sendable { var error: (any Error)? }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { box.error = error }
        done.signal()
    }
    done.wait()
    if let error = box.error { throw error }
}
