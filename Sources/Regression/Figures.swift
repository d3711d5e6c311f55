import Simulation

/// A service figure that `acd check` compares, with the direction in which
/// it gets worse.
public enum CheckedFigure: String, Sendable, CaseIterable, Codable {
    case serviceLevel = "service_level"
    case asa
    case abandonRate = "abandon_rate"
    case occupancy
    // Extension point: EWT accuracy (RASE of the announced wait against the
    // wait the contact then had, DESIGN.md) does not exist in the simulator
    // yet. When `ReplicationCounters` carries it, add a case here, give it a
    // `worseWhen`, a default tolerance in `Tolerances`, and a value in
    // `FigureValues.figure(_:of:)`; baselines, comparison and rendering need
    // nothing else.

    /// Which way is worse; nil for figures that are informational only.
    public enum Direction: Sendable { case lower, higher }

    /// Lower service level is worse; higher ASA and abandonment are worse.
    /// Occupancy has no "worse": busier agents are cheaper but more strained,
    /// and a routing change that serves callers faster often moves it either
    /// way, so it is reported and never fails.
    public var worseWhen: Direction? {
        switch self {
        case .serviceLevel: .lower
        case .asa, .abandonRate: .higher
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
        }
    }

    /// Shares (shown in %, differences in points) or seconds.
    public var isShare: Bool { self != .asa }
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
        var rows: [Row] = []
        for q in model.queues.indices {
            let figures = counters.map { ServiceFigures($0.total(queue: q), agents: agents($0, servedBy[q]), periodSeconds: period) }
            for f in CheckedFigure.allCases {
                rows.append(Row(queue: model.queues[q].name, figure: f, perReplication: figures.map { Self.figure(f, of: $0) }))
            }
        }
        let all = counters.map { r in
            var sum = QueueCounters()
            for q in model.queues.indices { sum.add(r.total(queue: q)) }
            return ServiceFigures(sum, agents: agents(r, Array(model.groups.indices)), periodSeconds: period)
        }
        for f in CheckedFigure.allCases {
            rows.append(Row(queue: Self.overall, figure: f, perReplication: all.map { Self.figure(f, of: $0) }))
        }
        self.rows = rows
    }

    static func figure(_ f: CheckedFigure, of s: ServiceFigures) -> Double {
        switch f {
        case .serviceLevel: s.serviceLevel
        case .asa: s.asa
        case .abandonRate: s.abandonRate
        case .occupancy: s.occupancy
        }
    }
}
