import Foundation
import Testing

/// `acd check` as CI runs it, on a small two-queue scenario with skill
/// expansion: baselines, regressions named by queue and figure, common
/// random numbers, bad input, `--exact` diagnostics.
@Suite struct CheckCommandTests {
    /// Sales is served by its sellers and, after 10 s of waiting, by the
    /// generalists; support by the generalists and the support desk, which
    /// `most_proficient` prefers, keeping the generalists free for sales.
    static let scenario = """
        name: two-queues
        duration: 2h
        warmup: 15m
        replications: 5
        seed: 11
        routing:
          agent_selection: most_proficient
        queues:
          - name: sales
            arrivals: { rate_per_hour: 360 }
            handle_time: { dist: exponential, mean: 180s }
            patience: { dist: exponential, mean: 120s }
            target: { service_level: 0.8, within: 20s }
            requires: { all_of: { sales: 6 } }
            expansion:
              - after: 10s
                requires: { all_of: { sales: 4 } }
          - name: support
            arrivals: { rate_per_hour: 200 }
            handle_time: { dist: exponential, mean: 180s }
            patience: { dist: exponential, mean: 120s }
            target: { service_level: 0.8, within: 20s }
        agents:
          - group: sellers
            count: 14
            skills: { sales: 8 }
          - group: generalists
            count: 10
            skills: { sales: 5, support: 8 }
          - group: support_desk
            count: 12
            skills: { support: 9 }

        """

    /// A temporary directory with the scenario and its baseline (made by `--update`).
    struct Workspace {
        var dir: URL
        var baselines: String { dir.appendingPathComponent("Results").path }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("acd-check-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try write("base.yaml", CheckCommandTests.scenario)
            let r = try CLI.run(["check", file("base.yaml"), "--baselines", baselines, "--update", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("two-queues: created"))
        }

        func file(_ name: String) -> String { dir.appendingPathComponent(name).path }

        /// Deletes the directory and everything in it.
        func remove() { try? FileManager.default.removeItem(at: dir) }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }

        /// The scenario with `change` applied, checked against the baseline.
        func check(_ change: (String) -> String, _ extra: [String] = []) throws -> CLI.Result {
            let changed = change(CheckCommandTests.scenario)
            #expect(changed != CheckCommandTests.scenario, "the change changed nothing")
            try write("changed.yaml", changed)
            return try CLI.run(["check", file("changed.yaml"), "--baselines", baselines, "--quiet"] + extra)
        }
    }

    /// The table rows of one queue, figure by figure: (figure, verdict).
    static func verdicts(_ stdout: String, queue: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in stdout.split(separator: "\n") {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if cells.count > 3, cells[0] == "two-queues", cells[1] == queue { out[cells[2]] = cells.last! }
        }
        return out
    }

    @Test func unchangedScenarioPassesStatisticallyAndExactly() throws {
        let w = try Workspace()
        defer { w.remove() }
        let r = try CLI.run(["check", w.file("base.yaml"), "--baselines", w.baselines, "--quiet"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("acd check: 1 scenario, 12 figures: 9 pass, 0 fail, 0 improved, 3 info; passed"))
        let exact = try CLI.run(["check", w.file("base.yaml"), "--baselines", w.baselines, "--quiet", "--exact"])
        #expect(exact.status == 0, "\(exact.stdout)\(exact.stderr)")
        #expect(exact.stdout.contains("--exact: decision digests identical in all 5 replications"))
        // Updating again moves nothing.
        let again = try CLI.run(["check", w.file("base.yaml"), "--baselines", w.baselines, "--update", "--quiet"])
        #expect(again.stdout.contains("no figure moved") && again.stdout.contains("decision digests unchanged"))
    }

    @Test func removingSkillExpansionFailsNamingQueueAndFigure() throws {
        let w = try Workspace()
        defer { w.remove() }
        let r = try w.check {
            $0.replacingOccurrences(of: "    expansion:\n      - after: 10s\n        requires: { all_of: { sales: 4 } }\n", with: "")
        }
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("two-queues: queue sales: service level fell from"))
        #expect(r.stdout.contains("two-queues: queue sales: abandonment rate rose from"))
        #expect(r.stdout.hasSuffix("FAILED\n"))
    }

    @Test func randomAgentSelectionFails() throws {
        let w = try Workspace()
        defer { w.remove() }
        let r = try w.check { $0.replacingOccurrences(of: "most_proficient", with: "weighted_random") }
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("two-queues: queue sales: service level fell from"))
        #expect(r.stdout.contains("tolerance 1 point"))
    }

    @Test func fewerAgentsFails() throws {
        let w = try Workspace()
        defer { w.remove() }
        let r = try w.check { $0.replacingOccurrences(of: "count: 14", with: "count: 11") }
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("two-queues: queue sales: service level fell from"))
        #expect(r.stdout.contains("two-queues: queue sales: ASA rose from"))
    }

    /// Replacing only the support queue's patience or handle-time
    /// distribution changes only support's random streams; sales keeps its
    /// arrivals and handle times, so its verdicts stay pass.
    @Test(arguments: [
        ("    patience: { dist: exponential, mean: 120s }\n    target: { service_level: 0.8, within: 20s }\nagents:",
         "    patience: { dist: exponential, mean: 130s }\n    target: { service_level: 0.8, within: 20s }\nagents:"),
        ("  - name: support\n    arrivals: { rate_per_hour: 200 }\n    handle_time: { dist: exponential, mean: 180s }",
         "  - name: support\n    arrivals: { rate_per_hour: 200 }\n    handle_time: { dist: gamma, mean: 180s, cv: 1 }"),
    ])
    func harmlessChangeToOneQueueLeavesTheOtherPassing(change: (String, String)) throws {
        let w = try Workspace()
        defer { w.remove() }
        let r = try w.check { $0.replacingOccurrences(of: change.0, with: change.1) }
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let sales = Self.verdicts(r.stdout, queue: "sales")
        #expect(sales == ["service_level": "pass", "asa": "pass", "abandon_rate": "pass", "occupancy": "info"])
    }

    /// A queue removed (or renamed) or a target removed takes checked
    /// figures out of the run: they fail, where they were info and the
    /// overall service level, without the queue, "improved".
    @Test func aQueueOrTargetThatDisappearsFails() throws {
        let w = try Workspace()
        defer { w.remove() }
        let renamed = try w.check { $0.replacingOccurrences(of: "name: support", with: "name: suport")
            .replacingOccurrences(of: "support: 8", with: "suport: 8").replacingOccurrences(of: "support: 9", with: "suport: 9") }
        #expect(renamed.status == 1, "\(renamed.stdout)\(renamed.stderr)")
        #expect(Self.verdicts(renamed.stdout, queue: "support") == ["service_level": "fail", "asa": "fail", "abandon_rate": "fail",
                                                                    "occupancy": "info"])
        #expect(renamed.stdout.contains("two-queues: queue support: service level ")
                && renamed.stdout.contains("in the baseline (in the baseline, not in this run (its queue, target or announcements removed"))
        // The overall figures now pool other queues: info, not "improved".
        #expect(Self.verdicts(renamed.stdout, queue: "(overall)")["service_level"] == "info", "\(renamed.stdout)")
        let untargeted = try w.check {
            $0.replacingOccurrences(of: "    target: { service_level: 0.8, within: 20s }\nagents:", with: "agents:")
        }
        #expect(untargeted.status == 1, "\(untargeted.stdout)\(untargeted.stderr)")
        #expect(Self.verdicts(untargeted.stdout, queue: "support")["service_level"] == "fail")
        #expect(untargeted.stdout.contains("(null in every replication now, defined in the baseline;"))
        #expect(Self.verdicts(untargeted.stdout, queue: "(overall)")["service_level"] == "info", "\(untargeted.stdout)")
    }

    @Test func badInputExitsWith2() throws {
        let w = try Workspace()
        defer { w.remove() }
        let missingBaseline = try CLI.run(["check", w.file("base.yaml"), "--baselines", w.file("nowhere"), "--quiet"])
        #expect(missingBaseline.status == 2)
        #expect(missingBaseline.stderr.contains("no baseline for scenario two-queues"))
        let missingScenario = try CLI.run(["check", w.file("missing.yaml"), "--baselines", w.baselines])
        #expect(missingScenario.status == 2)
        #expect(missingScenario.stderr.hasPrefix("acd: "))
        try w.write("broken.yaml", "name: [\n")
        let broken = try CLI.run(["check", w.file("broken.yaml"), "--baselines", w.baselines])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.yaml:"))
        let reseeded = try w.check { $0.replacingOccurrences(of: "seed: 11", with: "seed: 12") }
        #expect(reseeded.status == 2)
        #expect(reseeded.stderr.contains("run acd check --update"))
        try Data("{ \"format\": 1 }".utf8).write(to: URL(fileURLWithPath: w.baselines + "/two-queues/baseline.json"))
        let corrupt = try CLI.run(["check", w.file("base.yaml"), "--baselines", w.baselines])
        #expect(corrupt.status == 2)
    }

    /// A figure nulled in the baseline fails (it was `info` and passed);
    /// a baseline with out-of-range values or a tolerance for a misspelt
    /// queue is bad input (exit 2) naming the file and the JSON path.
    @Test func damagedBaselinesAndTolerancesAreCaught() throws {
        let w = try Workspace()
        defer { w.remove() }
        let path = w.baselines + "/two-queues/baseline.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The first figure is sales service_level.
        let line = try #require(text.split(separator: "\n").first { $0.contains("\"per_replication\"") })
        func damage(_ values: String) throws {
            try text.replacingOccurrences(of: line, with: "\"per_replication\": [\(values)]")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let run = { try CLI.run(["check", w.file("base.yaml"), "--baselines", w.baselines, "--quiet"]) }
        try damage("null, null, null, null, null")
        let nulled = try run()
        #expect(nulled.status == 1, "\(nulled.stdout)\(nulled.stderr)")
        #expect(nulled.stdout.contains(
            "now (null in every replication of the baseline; regenerate it with acd check --update)"), "\(nulled.stdout)")
        #expect(nulled.stdout.contains("two-queues: queue sales: service level "))
        try damage("-5, -5, -5, -5, -5")
        let absurd = try run()
        #expect(absurd.status == 2)
        #expect(absurd.stderr == "acd: \(path): figures[0].per_replication[0]: sales service_level -5.0 is out of range [0, 1]; "
                + "regenerate it with acd check --update\n")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let tolerances = w.baselines + "/two-queues/tolerances.json"
        try #"{"queues": {"sals": {"abandon_rate": 0.01}}}"#.write(toFile: tolerances, atomically: true, encoding: .utf8)
        let misspelt = try run()
        #expect(misspelt.status == 2)
        #expect(misspelt.stderr == "acd: \(tolerances): queues.sals: unknown queue; queues: sales, support, (overall)\n")
    }

    @Test func exactPrintsTheFirstDifferingDecision() throws {
        let w = try Workspace()
        defer { w.remove() }
        let r = try w.check({ $0.replacingOccurrences(of: "most_proficient", with: "longest_idle") }, ["--exact"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("--exact: decision digests differ in"))
        #expect(r.stdout.contains("first differing decision of replication 0: decision "))
        let before = try #require(r.stdout.split(separator: "\n").first { $0.contains("before: ") })
        let after = try #require(r.stdout.split(separator: "\n").first { $0.contains("after: ") })
        // HH:MM:SS.ffffff, contact, agent by name, queue by name.
        #expect(before.wholeMatch(of: /\s+before: \d\d:\d\d:\d\d\.\d{6} contact \d+ → agent [a-z_]+#\d+ \(#\d+\), queue (sales|support)/) != nil)
        #expect(after.wholeMatch(of: /\s+after:  \d\d:\d\d:\d\d\.\d{6} contact \d+ → agent [a-z_]+#\d+ \(#\d+\), queue (sales|support)/) != nil)
    }

    @Test func junitAndMarkdownFormats() throws {
        let w = try Workspace()
        defer { w.remove() }
        let junit = try w.check({ $0.replacingOccurrences(of: "count: 14", with: "count: 11") }, ["--format", "junit"])
        #expect(junit.status == 1)
        #expect(junit.stdout.hasPrefix("<?xml"))
        #expect(junit.stdout.contains("<testcase classname=\"acd.check.two-queues\" name=\"sales: service level\">"))
        #expect(junit.stdout.contains("<failure message=\"two-queues: queue sales: service level fell"))
        let md = try w.check({ $0.replacingOccurrences(of: "count: 14", with: "count: 11") }, ["--format", "markdown"])
        #expect(md.status == 1)
        #expect(md.stdout.hasPrefix("### acd check: ❌ failed"))
    }
}
