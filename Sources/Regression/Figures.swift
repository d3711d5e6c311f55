import RoutingCore
import Simulation

/// A service figure that `acd check` compares, with the direction in which
/// it gets worse.
public enum CheckedFigure: String, Sendable, CaseIterable, Codable {
    case serviceLevel = "service_level"
    case asa
    case abandonRate = "abandon_rate"
    case occupancy
    /// EWT accuracy: the root average squared error (seconds) of the waits
    /// announced with the queue's own wait-time method, against the wait
    /// each caller then had (`ReplicationCounters.waitAccuracy`, potential
    /// waits). Only queues that announce have this row.
    case ewtRase = "ewt_rase"

    /// Which way is worse; nil for figures that are informational only.
    public enum Direction: Sendable { case lower, higher }

    /// Lower service level is worse; higher ASA and abandonment are worse.
    /// Occupancy has no "worse": busier agents are cheaper but more strained,
    /// and a routing change that serves callers faster often moves it either
    /// way, so it is reported and never fails.
    public var worseWhen: Direction? {
        switch self {
        case .serviceLevel: .lower
        case .asa, .abandonRate, .ewtRase: .higher
        case .occupancy: nil
        }
    }

    /// Name in messages ("service level").
    public var label: String {
        switch self {
        case .serviceLevel: "service level"
        case .asa: "ASA"
        case .abandonRate: "abandonment rate"
        case .occupancy: "occupancy"
        case .ewtRase: "EWT error (RASE)"
        }
    }

    /// Shares (shown in %, differences in points) or seconds.
    public var isShare: Bool { self != .asa && self != .ewtRase }

    /// The values the figure can take: shares 0 to 1, seconds 0 to the longest duration.
    public var validRange: ClosedRange<Double> { isShare ? 0...1 : 0...ScenarioLimits.longestDuration }

    /// `validRange` in messages: "[0, 1]" or "[0, 1e9] s".
    var validRangeText: String { isShare ? "[0, 1]" : "[0, 1e9] s" }
}

/// The per-replication values of every checked figure of one run, per
/// queue and overall, computed exactly as `SimulationResult` computes its
/// figures (`ServiceFigures` over the whole post-warm-up period).
public struct FigureValues: Sendable {
    /// Name used for the all-queues row.
    public static let overall = "(overall)"

    /// One row: the queue (or `overall`), the figure, the value of each replication.
    public struct Row: Sendable, Equatable {
        public var queue: String
        public var figure: CheckedFigure
        public var perReplication: [Double]

        public init(queue: String, figure: CheckedFigure, perReplication: [Double]) {
            self.queue = queue
            self.figure = figure
            self.perReplication = perReplication
        }

        /// Mean over replications where the figure is defined (NaN if none).
        public var mean: Double { Self.mean(perReplication) }

        static func mean(_ values: [Double]) -> Double {
            let defined = values.filter { !$0.isNaN }
            return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// From the counters of each replication of `model`: queues in model
    /// order, then overall; figures in `CheckedFigure` order.
    public init(model: SimulationModel, counters: [ReplicationCounters]) {
        let period = model.durationSeconds - model.warmupSeconds
        let servedBy = model.queues.indices.map { q in
            model.groups.indices.filter { model.groups[$0].serves.contains(q) }
        }
        func agents(_ r: ReplicationCounters, _ groups: [Int]) -> GroupCounters {
            var time = GroupCounters()
            for g in groups { time.add(r.total(group: g)) }
            return time
        }
        // EWT accuracy of the method each queue announces with.
        let methods = model.routing.queues.map { WaitEstimator.allCases.firstIndex(of: $0.waitEstimator) ?? 0 }
        func ewt(_ r: ReplicationCounters, _ queues: [Int]) -> Double {
            var sum = AccuracyCounters()
            for q in queues where q < r.waitAccuracy.count && methods[q] < r.waitAccuracy[q].potential.count {
                sum.add(r.waitAccuracy[q].potential[methods[q]])
            }
            return sum.rase
        }
        let hasTarget = model.queues.map { $0.target != nil }
        let announcing = model.queues.indices.filter { q in
            counters.contains { q < $0.waitAccuracy.count && $0.waitAccuracy[q].announcements > 0 }
        }
        var rows: [Row] = []
        for q in model.queues.indices {
            let figures = counters.map {
                let c = $0.total(queue: q)
                return ServiceFigures(c, agents: agents($0, servedBy[q]), periodSeconds: period, targeted: hasTarget[q] ? c : nil)
            }
            for f in CheckedFigure.allCases where f != .ewtRase {
                rows.append(Row(queue: model.queues[q].name, figure: f, perReplication: figures.map { Self.figure(f, of: $0) }))
            }
            if announcing.contains(q) {
                rows.append(Row(queue: model.queues[q].name, figure: .ewtRase, perReplication: counters.map { ewt($0, [q]) }))
            }
        }
        let all = counters.map { r in
            let (sum, targeted) = r.overall(hasTarget: hasTarget)
            return ServiceFigures(sum, agents: agents(r, Array(model.groups.indices)), periodSeconds: period, targeted: targeted)
        }
        for f in CheckedFigure.allCases where f != .ewtRase {
            rows.append(Row(queue: Self.overall, figure: f, perReplication: all.map { Self.figure(f, of: $0) }))
        }
        if !announcing.isEmpty {
            rows.append(Row(queue: Self.overall, figure: .ewtRase, perReplication: counters.map { ewt($0, announcing) }))
        }
        self.rows = rows
    }

    static func figure(_ f: CheckedFigure, of s: ServiceFigures) -> Double {
        switch f {
        case .serviceLevel: s.serviceLevel.value
        case .asa: s.asa.value
        case .abandonRate: s.abandonRate.value
        case .occupancy: s.occupancy.value
        case .ewtRase: .nan // not a ServiceFigures figure; computed from the wait-accuracy counters
        }
    }
}
