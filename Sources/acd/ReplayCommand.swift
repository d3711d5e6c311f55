import ArgumentParser
import Foundation
import Server

/// `acd replay`: runs a server journal through a fresh core.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a server journal: verify the decisions, or what-if figures under another configuration.",
        discussion: """
            Without --scenario, replays with the journal's own configuration and compares the digest \
            of assignments and offers with the decisions the server recorded (exit 1 if they differ). \
            With --scenario, replays the same arrivals and agent events under that scenario's routing \
            and prints answered, abandoned and mean wait per queue for both. \
            The history is DIR/archive.sqlite (records compaction moved out of the journal) followed \
            by the journal; without the archive, verification starts from the journal's latest \
            snapshot and what-if replay is refused.
            """
    )

    @Argument(help: "The server's journal (DIR/journal.sqlite).")
    var journal: String

    @Option(help: "Alternative scenario (YAML) for what-if figures.")
    var scenario: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: journal) else { throw ValidationError("\(journal): no such file") }
    }

    func run() throws {
        let j = try Journal(path: journal)
        if let scenario {
            _ = try loadScenario(scenario)
            let r = try Replay.whatIf(j, alternative: try readText(scenario, "scenario file"))
            print(pad("queue", 20) + pad("answered", 10) + pad("abandoned", 11) + pad("mean wait s", 13)
                  + pad("alt answered", 14) + pad("alt abandoned", 15) + "alt mean wait s")
            for q in Set(r.baseline.keys).union(r.alternative.keys).sorted() {
                let b = r.baseline[q] ?? QueueDay(), a = r.alternative[q] ?? QueueDay()
                print(pad(q, 20) + pad("\(b.answered)", 10) + pad("\(b.abandoned)", 11) + pad(meanWait(b), 13)
                      + pad("\(a.answered)", 14) + pad("\(a.abandoned)", 15) + meanWait(a))
            }
            print("events not applicable under the alternative: \(r.skipped) skipped, \(r.rejected) rejected")
        } else {
            let v = try Replay.verify(j)
            if let seq = v.fromSnapshot {
                print("the archive lacks the records before the snapshot after record \(seq): replaying from that snapshot")
            }
            print("records \(v.records), events compared \(v.comparedEvents), decisions \(v.recorded.count)")
            print("recorded digest \(v.recorded.hex), replayed digest \(v.replayed.hex): \(v.equal ? "equal" : "DIFFERENT")")
            if !v.equal {
                print("first differing events: \(v.mismatches.prefix(10).map(String.init).joined(separator: ", "))")
                throw ExitCode.failure
            }
        }
    }

    func meanWait(_ d: QueueDay) -> String {
        d.answered == 0 ? "-" : String(format: "%.1f", Double(d.answeredWaitMicros) / Double(d.answered) / 1e6)
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
