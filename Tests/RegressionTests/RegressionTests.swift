import Foundation
import Reports
import Simulation
import Stochastics
import Testing
@testable import Regression
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Paired comparison, verdicts, tolerances, baselines and renderings of `acd check`.
@Suite struct PairedComparisonTests {
    /// Baseline values and now = baseline + `d`, so the paired differences are exactly `d`.
    func compare(_ d: [Double], base: Double = 0.8) -> PairedComparison {
        PairedComparison(baseline: d.map { _ in base }, now: d.map { base + $0 })
    }

    @Test func tQuantileForThreeDegreesOfFreedom() {
        #expect(abs(studentTQuantile(probability: 0.95, degreesOfFreedom: 3) - 2.353) < 0.0005)
    }

    @Test func handComputedFailure() {
        // d = [−0.02, −0.03, −0.01, −0.02]: mean −0.02, s = 0.008165, se = 0.0040825,
        // upper one-sided bound −0.02 + 2.353363 × 0.0040825 = −0.010393 < −0.01: fail.
        let c = compare([-0.02, -0.03, -0.01, -0.02])
        #expect(c.pairs == 4)
        #expect(abs(c.meanDifference - -0.02) < 1e-12)
        #expect(abs(c.standardError - 0.0040825) < 1e-6)
        #expect(abs(c.upperBound - -0.010393) < 1e-5)
        // Two-sided: ± 3.182446 × se = ± 0.012992.
        #expect(abs(c.ciLow - -0.032992) < 1e-5)
        #expect(abs(c.ciHigh - -0.007008) < 1e-5)
        #expect(c.verdict(worseWhen: .lower, tolerance: 0.01) == .fail)
        // The same drop with a 2-point tolerance passes.
        #expect(c.verdict(worseWhen: .lower, tolerance: 0.02) == .pass)
    }

    @Test func worseOnAverageButNotWithConfidencePasses() {
        // d = [−0.02, −0.03, −0.01, 0]: mean −0.015, se 0.006455, bound +0.000191 > −0.01.
        let c = compare([-0.02, -0.03, -0.01, 0])
        #expect(abs(c.upperBound - 0.000191) < 1e-5)
        #expect(c.verdict(worseWhen: .lower, tolerance: 0.01) == .pass)
    }

    @Test func higherIsWorseForASA() {
        // d = [4, 5, 3, 4] s: mean 4, se 0.40825, lower bound 4 − 0.9607 = 3.039 > 2 s.
        let c = PairedComparison(baseline: [10, 10, 10, 10], now: [14, 15, 13, 14])
        #expect(abs(c.lowerBound - 3.0393) < 1e-3)
        #expect(c.verdict(worseWhen: .higher, tolerance: 2) == .fail)
        #expect(c.verdict(worseWhen: .higher, tolerance: 3.5) == .pass)
        // Read as a service level (higher is better) the same change is an improvement.
        #expect(c.verdict(worseWhen: .lower, tolerance: 2) == .improved)
    }

    @Test func improvementNeverFails() {
        for d in [[0.05, 0.04, 0.06, 0.05], [0.5, 0.5, 0.5, 0.5], [0.002, 0.001, 0.003, 0.002]] {
            let v = compare(d).verdict(worseWhen: .lower, tolerance: 0.01)
            #expect(v != .fail)
        }
        #expect(compare([0.05, 0.04, 0.06, 0.05]).verdict(worseWhen: .lower, tolerance: 0.01) == .improved)
        #expect(compare([-0.05, -0.04, -0.06, -0.05], base: 0.1).verdict(worseWhen: .higher, tolerance: 0.005) == .improved)
    }

    @Test func identicalRunsPass() {
        let c = PairedComparison(baseline: [0.8, 0.7, 0.9], now: [0.8, 0.7, 0.9])
        #expect(c.meanDifference == 0 && c.standardError == 0)
        #expect(c.verdict(worseWhen: .lower, tolerance: 0.01) == .pass)
    }

    @Test func informationalFiguresNeverFail() {
        let c = compare([0.3, 0.31, 0.29, 0.3])
        #expect(c.verdict(worseWhen: nil, tolerance: 0) == .info)
        let check = FigureCheck(scenario: "s", queue: "q", figure: .occupancy,
                                baseline: [0.5, 0.5, 0.5], now: [0.1, 0.1, 0.1], tolerance: nil)
        #expect(check.verdict == .info)
        #expect(CheckedFigure.occupancy.worseWhen == nil)
    }

    @Test func undefinedPairsAreSkipped() {
        let c = PairedComparison(baseline: [.nan, 10, 10, 10], now: [12, 14, 15, 13])
        #expect(c.pairs == 3)
        #expect(abs(c.meanDifference - 4) < 1e-12)
        let none = PairedComparison(baseline: [.nan, .nan], now: [1, 2])
        #expect(none.pairs == 0)
        #expect(none.verdict(worseWhen: .higher, tolerance: 2) == .info)
        #expect(compare([-0.5]).verdict(worseWhen: .lower, tolerance: 0.01) == .info)
    }
}

@Suite struct TolerancesTests {
    @Test func defaults() {
        let t = Tolerances.defaults
        #expect(t.tolerance(for: .serviceLevel, queue: "q", baselineMean: 0.8) == 0.01)
        #expect(t.tolerance(for: .abandonRate, queue: "q", baselineMean: 0.05) == 0.005)
        #expect(t.tolerance(for: .asa, queue: "q", baselineMean: 5) == 2)
        #expect(abs(t.tolerance(for: .asa, queue: "q", baselineMean: 40)! - 4) < 1e-12)
        #expect(t.tolerance(for: .occupancy, queue: "q", baselineMean: 0.9) == nil)
        #expect(t.tolerance(for: .ewtRase, queue: "q", baselineMean: 30) == 5)
        #expect(abs(t.tolerance(for: .ewtRase, queue: "q", baselineMean: 80)! - 8) < 1e-12)
        #expect(CheckedFigure.ewtRase.worseWhen == .higher)
    }

    @Test func overridesPerScenarioAndQueue() throws {
        let json = #"{ "service_level": 0.02, "asa_seconds": 5, "ewt_rase_seconds": 12, "queues": { "billing": { "abandon_rate": 0.01 } } }"#
        let t = try Tolerances.parse(Data(json.utf8), file: "t.json", queues: ["billing", "outage"])
        #expect(t.tolerance(for: .serviceLevel, queue: "outage", baselineMean: 0.8) == 0.02)
        #expect(t.tolerance(for: .asa, queue: "outage", baselineMean: 10) == 5)
        #expect(t.tolerance(for: .abandonRate, queue: "outage", baselineMean: 0.1) == 0.005)
        #expect(t.tolerance(for: .abandonRate, queue: "billing", baselineMean: 0.1) == 0.01)
        #expect(t.tolerance(for: .serviceLevel, queue: "billing", baselineMean: 0.8) == 0.02)
        #expect(t.tolerance(for: .ewtRase, queue: "billing", baselineMean: 30) == 12)
    }

    @Test func unknownKeysAndBadValuesAreErrors() {
        #expect(throws: CheckInputError.self) { try Tolerances.parse(Data(#"{ "servic_level": 0.02 }"#.utf8), file: "t.json", queues: []) }
        #expect(throws: CheckInputError.self) { try Tolerances.parse(Data(#"{ "service_level": -1 }"#.utf8), file: "t.json", queues: []) }
        #expect(throws: CheckInputError.self) { try Tolerances.parse(Data("[".utf8), file: "t.json", queues: []) }
    }

    /// A misspelt queue, a repeated key or a share tolerance given in points
    /// is an error naming the file and the JSON path (they were ignored, or
    /// the first value won).
    @Test func unknownQueuesRepeatedKeysAndSharesAbove1AreErrors() {
        let cases = [
            (#"{"queues": {"mian": {"abandon_rate": 0.01}}}"#, "t.json: queues.mian: unknown queue; queues: main, (overall)"),
            (#"{"service_level": 0.01, "service_level": 0.9}"#, "t.json: service_level: repeated key"),
            (#"{"queues": {"main": {"asa_seconds": 3, "asa_seconds": 4}}}"#, "t.json: queues.main.asa_seconds: repeated key"),
            (#"{"queues": {"main": {"service_level": 5}}}"#,
             "t.json: queues.main.service_level: expected a share in [0, 1] (0.01 is 1 point), got 5.0"),
        ]
        for (json, message) in cases {
            #expect(throws: CheckInputError(message)) { try Tolerances.parse(Data(json.utf8), file: "t.json", queues: ["main"]) }
        }
        let overall = #"{"queues": {"(overall)": {"abandon_rate": 0.01}}}"#
        let t = try? Tolerances.parse(Data(overall.utf8), file: "t.json", queues: ["main"])
        #expect(t?.tolerance(for: .abandonRate, queue: FigureValues.overall, baselineMean: 0.1) == 0.01)
    }
}

@Suite struct BaselineTests {
    /// Every queue (and overall) with every figure: the first three rows
    /// with odd values, the others 0.5 in every replication.
    static func baseline(decisions: [Decision], count: Int) -> Baseline {
        var rows: [FigureValues.Row] = [
            .init(queue: "sales", figure: .serviceLevel, perReplication: [0.81, 0.7925, 0.1 + 0.2]),
            .init(queue: "sales", figure: .asa, perReplication: [.nan, 12.5, 3]),
            .init(queue: FigureValues.overall, figure: .occupancy, perReplication: [1, 0.5, 0.25]),
        ]
        for queue in ["sales", "support", FigureValues.overall] {
            for figure in CheckedFigure.allCases where figure != .ewtRase
                && !rows.contains(where: { $0.queue == queue && $0.figure == figure }) {
                rows.append(.init(queue: queue, figure: figure, perReplication: [0.5, 0.5, 0.5]))
            }
        }
        return Baseline(scenario: "demo", seed: 7, replications: 3, queueNames: ["sales", "support"], agentNames: ["a-0", "a-1", "b-0"],
                 figures: FigureValues(rows: rows),
                 digests: ["00000000000000ff", "0123456789abcdef", "fedcba9876543210"], decisionCounts: [count, 5, 6],
                 decisions: decisions)
    }

    @Test func jsonRoundTripIsExact() throws {
        let decisions = [Decision(timeMicros: 1_000_001, contact: 0, agent: 2, queue: 1),
                         Decision(timeMicros: 3_600_000_000, contact: 1, agent: 0, queue: 0)]
        let b = Self.baseline(decisions: decisions, count: 2)
        let text = b.json
        #expect(text.contains("\"complete\": true"))
        #expect(text.contains("[1000001, 0, 2, 1]"))
        let read = try Baseline.parse(Data(text.utf8), file: "b.json")
        #expect(read.scenario == "demo" && read.seed == 7 && read.replications == 3)
        #expect(read.digests == b.digests && read.decisionCounts == b.decisionCounts)
        #expect(read.decisions == decisions && read.decisionsComplete)
        #expect(read.agentNames == b.agentNames && read.queueNames == b.queueNames)
        for (x, y) in zip(read.figures.rows, b.figures.rows) {
            #expect(x.queue == y.queue && x.figure == y.figure)
            for (u, v) in zip(x.perReplication, y.perReplication) { #expect(u == v || (u.isNaN && v.isNaN)) }
        }
        // Same value, same bytes.
        #expect(read.json == text)
    }

    @Test func truncatedLogSaysSo() {
        let b = Self.baseline(decisions: [Decision(timeMicros: 1, contact: 0, agent: 0, queue: 0)], count: 30_000)
        #expect(!b.decisionsComplete)
        #expect(b.json.contains("\"complete\": false"))
        #expect(b.json.contains("only the first 1 of 30000 decisions"))
    }

    @Test func badBaselinesAreInputErrors() {
        #expect(throws: CheckInputError.self) { try Baseline.parse(Data("{}".utf8), file: "b.json") }
        #expect(throws: CheckInputError.self) { try Baseline.parse(Data("not json".utf8), file: "b.json") }
    }

    /// Emptied, damaged or absurd figures are bad input naming the file and
    /// the JSON path (they turned into `info`, or `improved`, and passed).
    @Test func damagedFiguresAreInputErrorsNamingThePath() throws {
        let text = Self.baseline(decisions: [], count: 0).json
        // figures[0] is sales service_level: [0.81, 0.7925, 0.30000000000000004].
        let line = try #require(text.split(separator: "\n").first { $0.contains("\"per_replication\": [0.81,") })
        func damaged(_ replace: String, with: String) -> String { text.replacingOccurrences(of: replace, with: with) }
        func values(_ v: String) -> String { damaged(String(line), with: "      \"per_replication\": [\(v)]") }
        let again = "; regenerate it with acd check --update"
        let cases = [
            (values("-5, 0.5, 0.5"), "b.json: figures[0].per_replication[0]: sales service_level -5.0 is out of range [0, 1]\(again)"),
            (values("0.5, 1e308, 0.5"), "b.json: figures[0].per_replication[1]: sales service_level 1e+308 is out of range [0, 1]\(again)"),
            (values("0.5, 0.5, \"x\""), "b.json: figures[0].per_replication[2]: expected a number or null\(again)"),
            (values("0.5, 0.5"), "b.json: figures[0].per_replication: expected 3 values, one per replication\(again)"),
            (damaged("\"queue\": \"support\"", with: "\"queue\": \"suport\""),
             "b.json: figures[5].queue: unknown queue suport; queues: sales, support, (overall)\(again)"),
            (damaged("\"figure\": \"abandon_rate\"", with: "\"figure\": \"occupancy\""),
             "b.json: figures[4]: sales occupancy appears twice\(again)"),
            (damaged("\"scenario\": \"demo\"", with: "\"scenario\": \"demo\", \"scenario\": \"other\""),
             "b.json: scenario: repeated key\(again)"),
        ]
        for (json, message) in cases {
            #expect(throws: CheckInputError(message)) { try Baseline.parse(Data(json.utf8), file: "b.json") }
        }
        // No figures at all: the first queue's service level is missing.
        let start = try #require(text.range(of: "\"figures\": [")), end = try #require(text.range(of: "\"decision_digests\""))
        let emptied = text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "\"figures\": [],\n  ")
        #expect(throws: CheckInputError("b.json: figures: no sales service_level (every queue and (overall) has "
                                        + "service_level, asa, abandon_rate and occupancy)\(again)")) {
            try Baseline.parse(Data(emptied.utf8), file: "b.json")
        }
    }

    @Test func changesSayWhatMoved() {
        let old = Self.baseline(decisions: [], count: 0)
        var new = old
        new.figures.rows[0].perReplication = [0.7, 0.7, 0.7]
        new.digests[1] = "0000000000000000"
        let lines = new.changes(from: old)
        #expect(lines.contains { $0.hasPrefix("sales service level: ") && $0.contains("→ 70.0%") })
        #expect(lines.contains("decision digests changed in 1 of 3 replications"))
        #expect(old.changes(from: old).contains("no figure moved"))
        #expect(old.changes(from: old).contains("decision digests unchanged"))
    }
}

@Suite struct DecisionDifferenceTests {
    let a = Decision(timeMicros: 3_723_000_045, contact: 10, agent: 1, queue: 0)
    let b = Decision(timeMicros: 3_723_000_045, contact: 10, agent: 2, queue: 0)
    let c = Decision(timeMicros: 3_800_000_000, contact: 11, agent: 0, queue: 1)

    @Test func firstDifference() {
        #expect(DecisionDifference.first(before: [c, a], beforeComplete: true, after: [c, b]) == .init(index: 1, before: a, after: b))
        #expect(DecisionDifference.first(before: [c, a], beforeComplete: true, after: [c, a]) == nil)
        #expect(DecisionDifference.first(before: [c, a], beforeComplete: true, after: [c]) == .init(index: 1, before: a, after: nil))
        #expect(DecisionDifference.first(before: [c], beforeComplete: true, after: [c, a]) == .init(index: 1, before: nil, after: a))
        // A truncated baseline log cannot tell what followed.
        #expect(DecisionDifference.first(before: [c], beforeComplete: false, after: [c, a]) == nil)
    }

    @Test func describesWithNames() {
        #expect(DecisionDifference.clock(3_723_000_045) == "01:02:03.000045")
        #expect(DecisionDifference.clock(90_000_000_000) == "25:00:00.000000")
        let text = DecisionDifference.describe(a, agents: ["x", "billing-1"], queues: ["billing"])
        #expect(text == "01:02:03.000045 contact 10 → agent billing-1 (#1), queue billing")
    }
}

@Suite struct RenderingTests {
    static func report() -> CheckReport {
        let fail = FigureCheck(scenario: "utility-hotline", queue: "billing", figure: .serviceLevel,
                               baseline: [0.995, 0.995, 0.995, 0.995], now: [0.951, 0.950, 0.952, 0.951], tolerance: 0.01)
        let pass = FigureCheck(scenario: "utility-hotline", queue: "billing", figure: .asa,
                               baseline: [3, 4, 5, 4], now: [3.1, 4, 5.1, 4], tolerance: 2)
        let better = FigureCheck(scenario: "utility-hotline", queue: FigureValues.overall, figure: .abandonRate,
                                 baseline: [0.05, 0.06, 0.05, 0.04], now: [0.03, 0.04, 0.03, 0.02], tolerance: 0.005)
        let info = FigureCheck(scenario: "utility-hotline", queue: "billing & <co>", figure: .occupancy,
                               baseline: [0.9, 0.9, 0.9, 0.9], now: [0.8, 0.8, 0.8, 0.8], tolerance: nil)
        let digest = DigestCheck(baselineDigests: ["a", "b"], nowDigests: ["a", "c"], exact: true,
                                 explanation: ["first differing decision of replication 1: decision 3"])
        let other = ScenarioCheck(scenario: "mmn-plus-m", figures: [pass],
                                  digest: DigestCheck(baselineDigests: ["a"], nowDigests: ["a"], exact: true))
        return CheckReport(scenarios: [ScenarioCheck(scenario: "utility-hotline", figures: [fail, pass, better, info], digest: digest), other],
                           exact: true)
    }

    @Test func verdictsAndFailMessage() {
        let r = Self.report()
        #expect(r.scenarios[0].figures.map(\.verdict) == [.fail, .pass, .improved, .info])
        #expect(r.failed && r.exitStatus == 1)
        let message = r.scenarios[0].figures[0].message
        #expect(message.hasPrefix("utility-hotline: queue billing: service level fell from 99.5% to 95.1% (−4.4 points, 95% bound −4."))
        #expect(message.hasSuffix("), tolerance 1 point"))
        #expect(r.scenarios[0].figures[2].message.contains("all queues: abandonment rate fell"))
        #expect(r.scenarios[0].figures[2].message.hasSuffix("improved"))
        #expect(r.failureMessages.count == 2)
    }

    @Test func textTable() {
        let text = Self.report().text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("scenario"))
        #expect(lines[0].contains("95% CI of difference") && lines[0].hasSuffix("verdict"))
        #expect(lines[1].hasPrefix("---"))
        #expect(text.contains("FAILED:\n  utility-hotline: queue billing: service level fell"))
        #expect(text.contains("utility-hotline: --exact: decision digests differ in 1 of 2 replications (first: replication 1)"))
        #expect(text.hasSuffix("FAILED\n"))
    }

    @Test func junitIsWellFormedXML() throws {
        let xml = Self.report().junit
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "7")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["utility-hotline", "mmn-plus-m"])
        let cases = suites[0].elements(forName: "testcase")
        #expect(cases.count == 5)
        let failure = try #require(cases[0].elements(forName: "failure").first)
        let message = failure.attribute(forName: "message")?.stringValue ?? ""
        #expect(message.contains("queue billing") && message.contains("service level"))
        #expect(cases[3].attribute(forName: "name")?.stringValue == "billing & <co>: occupancy")
        #expect(cases[4].attribute(forName: "name")?.stringValue == "decision digest")
        #expect(cases[4].elements(forName: "failure").count == 1)
        #else
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.components(separatedBy: "<testcase").count - 1 == 7)
        #expect(xml.components(separatedBy: "<failure").count - 1 == 2)
        #expect(!xml.contains("billing & <co>"))
        #endif
    }

    @Test func markdownShape() {
        let md = Self.report().markdown
        let lines = md.split(separator: "\n").map(String.init)
        #expect(lines[0] == "### acd check: ❌ failed")
        #expect(lines[1] == "| Scenario | Pass | Fail | Improved | Info | Decision digests |")
        #expect(lines[2] == "|---|---:|---:|---:|---:|---|")
        #expect(lines[3].hasPrefix("| utility-hotline | 1 | 1 | 1 | 1 | differ in 1/2 (**fail**, --exact) |"))
        #expect(md.contains("**Failures**\n\n- utility-hotline: queue billing: service level fell"))
        #expect(md.contains("<details><summary>All figures</summary>"))
        // Every table row has the header's number of cells.
        let rows = lines.filter { $0.hasPrefix("| utility-hotline | billing") || $0.hasPrefix("| mmn-plus-m | billing") }
        #expect(rows.count == 4)
        for row in rows { #expect(row.components(separatedBy: " | ").count == 8) }
    }

    @Test func passingReport() {
        let pass = FigureCheck(scenario: "s", queue: "q", figure: .serviceLevel, baseline: [0.8, 0.8], now: [0.8, 0.8], tolerance: 0.01)
        let r = CheckReport(scenarios: [ScenarioCheck(scenario: "s", figures: [pass],
                                                      digest: DigestCheck(baselineDigests: ["a"], nowDigests: ["a"], exact: false))],
                            exact: false)
        #expect(!r.failed && r.exitStatus == 0)
        #expect(r.markdown.hasPrefix("### acd check: ✅ passed"))
        #expect(r.text.hasSuffix("passed\n"))
    }
}

@Suite struct JSONReaderTests {
    @Test func doublesReadBackBitForBit() throws {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<2000).map { _ in Double.random(in: 0...1, using: &generator) }
            + [0.1 + 0.2, 0.7925, 1e-300, 123456.789, .leastNonzeroMagnitude, 0.30000000000000004]
        let text = Reports.JSONValue.array(values.map { .number($0) }).rendered(pretty: false)
        let read = try JSONReader.parse(Array(text.utf8)).arrayValue!.map { $0.doubleValue! }
        #expect(read == values)
    }

    @Test func stringsObjectsAndErrors() throws {
        let v = try JSONReader.parse(Array(#"{"a": [1, -2.5e3, true, null, "x\"\u00e9\n"], "b": {}}"#.utf8))
        #expect(v["a"]?.arrayValue?.count == 5)
        #expect(v["a"]?.arrayValue?[1].doubleValue == -2500)
        #expect(v["a"]?.arrayValue?[4].stringValue == "x\"é\n")
        #expect(v["a"]?.arrayValue?[3].doubleValue?.isNaN == true)
        #expect(v["b"]?.objectKeys == [])
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", ""] {
            #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(bad.utf8)) }
        }
    }
}

@Suite struct DecisionLogSizeTests {
    static func log(_ n: Int) -> [Decision] {
        (0..<n).map { Decision(timeMicros: 30_000_000_000 + Int64($0) * 1000, contact: Int64($0), agent: Int32($0 % 300), queue: 1) }
    }

    @Test func keepsWholeLogsUnder2MBAndCutsLongerOnes() {
        #expect(Baseline.kept(Self.log(30_000)).count == 30_000)
        #expect(Baseline.kept(Self.log(100_000)).count == Baseline.decisionLimit)
        #expect(Baseline.kept(Self.log(100_000)) == Array(Self.log(100_000).prefix(Baseline.decisionLimit)))
    }
}
