import Foundation
import Simulation

/// The first place where two decision sequences of the same replication part.
public struct DecisionDifference: Sendable, Equatable {
    /// Index (from 0) of the first differing decision.
    public var index: Int
    /// The baseline's decision there; nil when the baseline's list ended.
    public var before: Decision?
    /// The new run's decision there; nil when the new list ended.
    public var after: Decision?

    public init(index: Int, before: Decision?, after: Decision?) {
        self.index = index
        self.before = before
        self.after = after
    }

    /// The first difference between `before` (the baseline's, possibly only
    /// the first decisions when `beforeComplete` is false) and `after`; nil
    /// when they agree as far as the baseline's list goes.
    public static func first(before: [Decision], beforeComplete: Bool, after: [Decision]) -> DecisionDifference? {
        let common = min(before.count, after.count)
        for i in 0..<common where before[i] != after[i] {
            return DecisionDifference(index: i, before: before[i], after: after[i])
        }
        if before.count == after.count { return nil }
        if after.count < before.count { return DecisionDifference(index: common, before: before[common], after: nil) }
        return beforeComplete ? DecisionDifference(index: common, before: nil, after: after[common]) : nil
    }

    /// Simulated time as HH:MM:SS.ffffff (hours may exceed 23).
    public static func clock(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let m = abs(micros)
        let seconds = m / 1_000_000
        return sign + String(format: "%02lld:%02lld:%02lld.%06lld", seconds / 3600, seconds / 60 % 60, seconds % 60, m % 1_000_000)
    }

    /// One decision for people: time, contact, agent (by name) and queue (by name).
    public static func describe(_ d: Decision?, agents: [String], queues: [String]) -> String {
        guard let d else { return "(none: the sequence ended)" }
        let agent = agents.indices.contains(Int(d.agent)) ? "\(agents[Int(d.agent)]) (#\(d.agent))" : "#\(d.agent)"
        let queue = queues.indices.contains(Int(d.queue)) ? queues[Int(d.queue)] : "#\(d.queue)"
        return "\(clock(d.timeMicros)) contact \(d.contact) → agent \(agent), queue \(queue)"
    }

    /// The explanation `--exact` prints, before naming the baseline's agents
    /// and queues, after the current model's.
    public func lines(replication: Int, baseline: Baseline, agents: [String], queues: [String]) -> [String] {
        [
            "first differing decision of replication \(replication): decision \(index)",
            "  before: \(Self.describe(before, agents: baseline.agentNames, queues: baseline.queueNames))",
            "  after:  \(Self.describe(after, agents: agents, queues: queues))",
        ]
    }
}
