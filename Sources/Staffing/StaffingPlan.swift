import RoutingCore
import Simulation

/// Planner's options that the scenario does not (yet) carry: extra targets
/// for every queue, shrinkage and cost per agent group.
public struct StaffingOptions: Sendable, Equatable {
    /// Maximum ASA (seconds), abandonment share and occupancy share for every queue.
    public var maxASA: Double?
    public var maxAbandon: Double?
    public var maxOccupancy: Double?
    /// Shrinkage for groups not named in `shrinkageByGroup`, in [0, 1).
    public var shrinkage: Double
    public var shrinkageByGroup: [String: Double]
    /// Cost per paid (scheduled) agent-hour by group name; 1 when absent.
    public var costByGroup: [String: Double]

    public init(maxASA: Double? = nil, maxAbandon: Double? = nil, maxOccupancy: Double? = nil,
                shrinkage: Double = 0, shrinkageByGroup: [String: Double] = [:], costByGroup: [String: Double] = [:]) {
        self.maxASA = maxASA
        self.maxAbandon = maxAbandon
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
        self.shrinkageByGroup = shrinkageByGroup
        self.costByGroup = costByGroup
    }

    public func shrinkage(of group: String) -> Double { shrinkageByGroup[group] ?? shrinkage }
    public func cost(of group: String) -> Double { costByGroup[group] ?? 1 }

    /// Cost of an agent-hour on the phones: every paid (scheduled) hour of
    /// `group` yields 1 − shrinkage productive hours, so cost / (1 − shrinkage).
    public func costPerProductiveHour(of group: String) -> Double { cost(of: group) / (1 - shrinkage(of: group)) }

    /// The staffing target of a queue: its scenario targets, each overridden
    /// by these options where they are set.
    public func target(for queue: QueueModel) -> StaffingTarget {
        StaffingTarget(serviceLevel: queue.target?.serviceLevel, maxASA: maxASA ?? queue.maxASASeconds,
                       maxAbandon: maxAbandon ?? queue.maxAbandon, maxOccupancy: maxOccupancy ?? queue.maxOccupancy)
    }

    /// These options with the scenario's per-group shrinkage and cost filled
    /// in for groups the options do not name.
    public func withDefaults(from groups: [AgentGroupModel]) -> StaffingOptions {
        var o = self
        for g in groups {
            if o.shrinkageByGroup[g.name] == nil && g.shrinkage > 0 { o.shrinkageByGroup[g.name] = g.shrinkage }
            if o.costByGroup[g.name] == nil && g.costPerHour != 1 { o.costByGroup[g.name] = g.costPerHour }
        }
        return o
    }

    /// Throws `StaffingError.invalid` for shrinkage out of [0, 1), negative
    /// or non-finite costs, or options naming a group the model lacks.
    public func validate(groups: [String]) throws {
        try validateShrinkage(shrinkage)
        for (g, s) in shrinkageByGroup.sorted(by: { $0.key < $1.key }) {
            guard groups.contains(g) else { throw StaffingError.invalid("--shrinkage: unknown group \(g)") }
            try validateShrinkage(s)
        }
        for (g, c) in costByGroup.sorted(by: { $0.key < $1.key }) {
            guard groups.contains(g) else { throw StaffingError.invalid("--cost: unknown group \(g)") }
            guard c > 0, c.isFinite else { throw StaffingError.invalid("--cost \(g): must be finite and > 0, got \(c)") }
        }
    }
}

/// Agents per group and staffing interval: `required` on the phones and
/// `scheduled` after shrinkage.
public struct StaffingPlan: Sendable, Equatable {
    public var groupNames: [String]
    public var intervalSeconds: Double
    /// `required[g][i]`: agents of group `g` needed on duty in interval `i`.
    public var required: [[Int]]
    /// `scheduled[g][i]`: agents to schedule so that `required` remain after shrinkage.
    public var scheduled: [[Int]]

    public init(groupNames: [String], intervalSeconds: Double, required: [[Int]], options: StaffingOptions) {
        self.groupNames = groupNames
        self.intervalSeconds = intervalSeconds
        self.required = required
        scheduled = groupNames.indices.map { g in
            required[g].map { scheduledAgents(required: $0, shrinkage: options.shrinkage(of: groupNames[g])) }
        }
    }

    public var intervalCount: Int { required.first?.count ?? 0 }

    /// Required agent-hours of group `g` (all groups when nil).
    public func agentHours(group g: Int? = nil) -> Double {
        let groups = g.map { [$0] } ?? Array(required.indices)
        return groups.reduce(0.0) { $0 + Double(required[$1].reduce(0, +)) } * intervalSeconds / 3600
    }

    /// Scheduled (paid, after shrinkage) agent-hours of group `g` (all groups when nil).
    public func scheduledAgentHours(group g: Int? = nil) -> Double {
        let groups = g.map { [$0] } ?? Array(scheduled.indices)
        return groups.reduce(0.0) { $0 + Double(scheduled[$1].reduce(0, +)) } * intervalSeconds / 3600
    }

    /// Cost of group `g` (all groups when nil): its scheduled agent-hours,
    /// which are all paid, at the options' cost per agent-hour.
    public func cost(_ options: StaffingOptions, group g: Int? = nil) -> Double {
        let groups = g.map { [$0] } ?? Array(scheduled.indices)
        return groups.reduce(0.0) { $0 + scheduledAgentHours(group: $1) * options.cost(of: groupNames[$1]) }
    }
}

extension SimulationModel {
    /// The model with new headcounts per group (`headcounts[g]`, one value per
    /// staffing interval, replacing its count, headcount or shifts; nil keeps
    /// the group as it is), its agents re-laid out so that every group has room
    /// for its largest headcount plus agents still finishing contacts after
    /// their shift: each group given a headcount gets 2·max(headcount) agents,
    /// copies of its template named `<group>#<k>`.
    /// With `onDuty`, the headcounts are agents on duty: the groups given one
    /// lose their shrinkage (no absence in simulation); otherwise they are
    /// scheduled agents, of whom the group's shrinkage is absent.
    public func withHeadcounts(_ headcounts: [[Int]?], onDuty: Bool) -> SimulationModel {
        precondition(headcounts.count == groups.count)
        var model = self
        var agents: [AgentConfiguration] = []
        for g in groups.indices {
            let first = agents.count
            if let counts = headcounts[g]?.map({ max(0, $0) }) {
                let template = groups[g].agentTemplate(in: routing)
                for k in 0..<2 * (counts.max() ?? 0) {
                    var a = template
                    a.id = "\(groups[g].name)#\(k + 1)"
                    agents.append(a)
                }
                model.groups[g].headcount = counts
                model.groups[g].shifts = []
                if onDuty { model.groups[g].shrinkage = 0 }
            } else {
                agents.append(contentsOf: routing.agents[groups[g].agents])
            }
            model.groups[g].agents = first..<agents.count
        }
        model.routing.agents = agents
        return model
    }
}
