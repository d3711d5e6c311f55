import Foundation
import Simulation

/// One figure of one queue (or overall) compared with its baseline.
public struct FigureCheck: Sendable {
    public var scenario: String
    public var queue: String
    public var figure: CheckedFigure
    /// Nil for informational figures.
    public var tolerance: Double?
    public var comparison: PairedComparison
    public var verdict: Verdict
    /// Why the verdict is `info` when it is not simply an informational figure.
    public var note: String?

    public init(scenario: String, queue: String, figure: CheckedFigure, tolerance: Double?,
                comparison: PairedComparison, verdict: Verdict, note: String? = nil) {
        self.scenario = scenario
        self.queue = queue
        self.figure = figure
        self.tolerance = tolerance
        self.comparison = comparison
        self.verdict = verdict
        self.note = note
    }

    /// Compares `now` with `baseline` (per-replication values, paired by
    /// replication) under `tolerance` (nil: informational).
    public init(scenario: String, queue: String, figure: CheckedFigure, baseline: [Double], now: [Double],
                tolerance: Double?) {
        let comparison = PairedComparison(baseline: baseline, now: now)
        let verdict = comparison.verdict(worseWhen: tolerance == nil ? nil : figure.worseWhen, tolerance: tolerance ?? 0)
        var note: String?
        if figure.worseWhen != nil, verdict == .info {
            note = comparison.pairs == 0 ? "undefined in every replication" : "defined in fewer than 2 replications"
        }
        self.init(scenario: scenario, queue: queue, figure: figure, tolerance: tolerance,
                  comparison: comparison, verdict: verdict, note: note)
    }

    /// "queue billing" or "all queues".
    public var queueLabel: String { queue == FigureValues.overall ? "all queues" : "queue \(queue)" }

    /// The one-line explanation of a failure or improvement, e.g.
    /// `utility-hotline: queue billing: service level fell from 99.5% to 95.1%
    /// (−4.4 points, 95% bound −4.1), tolerance 1 point`.
    public var message: String {
        let c = comparison
        if c.baselineMean.isNaN, let note {
            return "\(scenario): \(queueLabel): \(figure.label) \(CheckFormat.value(c.nowMean, figure)) now (\(note))"
        }
        if c.nowMean.isNaN, let note {
            return "\(scenario): \(queueLabel): \(figure.label) \(CheckFormat.value(c.baselineMean, figure)) in the baseline (\(note))"
        }
        let moved = c.meanDifference < 0 ? "fell" : "rose"
        var text = "\(scenario): \(queueLabel): \(figure.label) \(moved) from \(CheckFormat.value(c.baselineMean, figure)) "
            + "to \(CheckFormat.value(c.nowMean, figure)) (\(CheckFormat.difference(c.meanDifference, figure, digits: 1, unit: true))"
        if let direction = figure.worseWhen, tolerance != nil {
            let bound = verdict == .improved
                ? (direction == .lower ? c.lowerBound : c.upperBound)
                : c.decidingBound(worseWhen: direction)
            text += ", 95% bound \(CheckFormat.difference(bound, figure, digits: 1, unit: false))"
        }
        text += ")"
        if let tolerance { text += ", tolerance \(CheckFormat.tolerance(tolerance, figure))" }
        if verdict == .improved { text += ": improved" }
        if let note { text += " (\(note))" }
        return text
    }
}

/// The decision digests of one scenario compared with its baseline's.
public struct DigestCheck: Sendable {
    /// Replications whose digest equals the baseline's.
    public var matching: Int
    public var replications: Int
    /// The first replication whose digest differs.
    public var firstMismatch: Int?
    /// With `--exact`, a mismatch fails; otherwise it is reported only.
    public var exact: Bool
    /// With `--exact` and a mismatch: the first differing decision, as lines.
    public var explanation: [String]

    public init(baselineDigests: [String], nowDigests: [String], exact: Bool, explanation: [String] = []) {
        let pairs = zip(baselineDigests, nowDigests)
        matching = pairs.filter { $0.0 == $0.1 }.count
        replications = nowDigests.count
        firstMismatch = pairs.enumerated().first { $0.element.0 != $0.element.1 }?.offset
        self.exact = exact
        self.explanation = explanation
    }

    public var identical: Bool { firstMismatch == nil }

    public var verdict: Verdict { identical ? (exact ? .pass : .info) : (exact ? .fail : .info) }

    public var summary: String {
        identical
            ? "decision digests identical in all \(replications) replications"
            : "decision digests differ in \(replications - matching) of \(replications) replications (first: replication \(firstMismatch!))"
    }
}

/// Everything `acd check` found for one scenario.
public struct ScenarioCheck: Sendable {
    public var scenario: String
    public var figures: [FigureCheck]
    public var digest: DigestCheck

    public init(scenario: String, figures: [FigureCheck], digest: DigestCheck) {
        self.scenario = scenario
        self.figures = figures
        self.digest = digest
    }

    /// Compares a run's figures and digests with a baseline, figure by figure
    /// in the run's order. A checked figure that only one side defines fails
    /// (a queue or target removed, or a baseline null in every replication
    /// for a figure the run defines); informational ones are reported as info.
    public init(baseline: Baseline, now: FigureValues, nowDigests: [String], tolerances: Tolerances,
                exact: Bool, explanation: [String] = []) {
        var checks: [FigureCheck] = []
        /// Queues with a figure that one side defines and the other does not.
        var changed = Set<String>()
        for row in now.rows {
            guard let base = baseline.row(queue: row.queue, figure: row.figure) else {
                checks.append(FigureCheck(
                    scenario: baseline.scenario, queue: row.queue, figure: row.figure, tolerance: nil,
                    comparison: PairedComparison(baseline: row.perReplication.map { _ in .nan }, now: row.perReplication),
                    verdict: .info, note: "not in the baseline"))
                changed.insert(row.queue)
                continue
            }
            if base.perReplication.allSatisfy(\.isNaN), row.perReplication.contains(where: { !$0.isNaN }) {
                checks.append(FigureCheck(
                    scenario: baseline.scenario, queue: row.queue, figure: row.figure, tolerance: nil,
                    comparison: PairedComparison(baseline: base.perReplication, now: row.perReplication),
                    verdict: .fail, note: "null in every replication of the baseline; regenerate it with acd check --update"))
                changed.insert(row.queue)
                continue
            }
            // The reverse: a checked figure the run no longer defines (a
            // target removed) is no longer measured, which is no pass.
            if row.figure.worseWhen != nil, row.perReplication.allSatisfy(\.isNaN),
               base.perReplication.contains(where: { !$0.isNaN }) {
                checks.append(FigureCheck(
                    scenario: baseline.scenario, queue: row.queue, figure: row.figure, tolerance: nil,
                    comparison: PairedComparison(baseline: base.perReplication, now: row.perReplication),
                    verdict: .fail, note: "null in every replication now, defined in the baseline; "
                        + "if that is intended, regenerate it with acd check --update"))
                changed.insert(row.queue)
                continue
            }
            let tolerance = row.figure.worseWhen == nil ? nil
                : tolerances.tolerance(for: row.figure, queue: row.queue, baselineMean: base.mean)
            checks.append(FigureCheck(scenario: baseline.scenario, queue: row.queue, figure: row.figure,
                                      baseline: base.perReplication, now: row.perReplication, tolerance: tolerance))
        }
        // A queue of the baseline missing from the run (removed or renamed)
        // fails on its checked figures: the gate no longer sees its service.
        for base in baseline.figures.rows where !now.rows.contains(where: { $0.queue == base.queue && $0.figure == base.figure }) {
            let checked = base.figure.worseWhen != nil && base.perReplication.contains { !$0.isNaN }
            if checked { changed.insert(base.queue) }
            checks.append(FigureCheck(
                scenario: baseline.scenario, queue: base.queue, figure: base.figure, tolerance: nil,
                comparison: PairedComparison(baseline: base.perReplication, now: base.perReplication.map { _ in .nan }),
                verdict: checked ? .fail : .info,
                note: checked ? "in the baseline, not in this run (its queue, target or announcements removed or renamed?); "
                    + "if that is intended, regenerate the baseline with acd check --update" : "no longer in the scenario"))
        }
        // The overall figures pool other queues than the baseline's when a
        // queue's checked figure came or went: comparing them says nothing
        // (the queue's own figures fail).
        changed.remove(FigureValues.overall)
        if !changed.isEmpty {
            for k in checks.indices where checks[k].queue == FigureValues.overall {
                checks[k].verdict = .info
                checks[k].note = "the queues behind it changed: \(changed.sorted().joined(separator: ", "))"
            }
        }
        self.init(scenario: baseline.scenario, figures: checks,
                  digest: DigestCheck(baselineDigests: baseline.digests, nowDigests: nowDigests, exact: exact,
                                      explanation: explanation))
    }

    public var failed: Bool { figures.contains { $0.verdict == .fail } || digest.verdict == .fail }
}

/// The result of `acd check` over all scenarios.
public struct CheckReport: Sendable {
    public var scenarios: [ScenarioCheck]
    public var exact: Bool

    public init(scenarios: [ScenarioCheck], exact: Bool) {
        self.scenarios = scenarios
        self.exact = exact
    }

    public var failed: Bool { scenarios.contains { $0.failed } }

    /// Exit status: 0 when everything passes, 1 when anything fails.
    public var exitStatus: Int32 { failed ? 1 : 0 }

    public var allFigures: [FigureCheck] { scenarios.flatMap(\.figures) }

    /// Counts of each verdict over all figures (digest checks not included).
    public func count(_ verdict: Verdict) -> Int { allFigures.filter { $0.verdict == verdict }.count }

    /// One line per failure, naming the scenario, queue and figure.
    public var failureMessages: [String] {
        var lines = allFigures.filter { $0.verdict == .fail }.map(\.message)
        for s in scenarios where s.digest.verdict == .fail {
            lines.append("\(s.scenario): --exact: \(s.digest.summary)")
        }
        return lines
    }
}
