import RoutingCore
import Simulation

/// Reads one entry of `agents:`: a group of identical agents and its
/// headcount or shifts over the day.
struct GroupReader {
    let node: YAMLValue
    let context: ReaderContext

    static let keys = ["group", "count", "headcount", "shifts", "skills", "capacity", "delays", "contact_selection",
                       "shrinkage", "cost"]

    struct Read {
        var group: AgentGroupModel
        var agents: [AgentConfiguration]
        var profile: RoutingProfile?
    }

    func read(firstAgent: Int, queueConfigs: [QueueConfiguration]) throws -> Read {
        let f = try node.mapping(allowed: Self.keys)
        let name = try f.required("group").string()
        let ways = ["count", "headcount", "shifts"].filter(f.has)
        if ways.count == 2 { throw node.error("give either '\(ways[0])' or '\(ways[1])', not both") }
        if ways.count == 3 { throw node.error("give only one of 'count', 'headcount' and 'shifts'") }
        var headcount: [Int] = []
        var shifts: [Shift] = []
        if let c = f["count"] {
            headcount = [try agentCount(c)]
        } else if let h = f["headcount"] {
            let items = try h.list()
            if items.isEmpty { throw h.error("give one headcount per interval") }
            headcount = try items.map(agentCount)
            try context.checkCoversTheRun(h, count: headcount.count, step: context.intervalSeconds, what: "headcounts")
        } else if let s = f["shifts"] {
            shifts = try readShifts(s)
        } else {
            throw node.error("missing required key 'count' (or 'headcount', one per interval, or 'shifts')")
        }
        let skills = try skillLevels(f.required("skills"), context: context)
        var profile: RoutingProfile?
        /// Each delay's value, by queue, to check that the group serves it.
        var delayNodes: [(queue: String, node: YAMLValue)] = []
        if f.has("delays") || f.has("contact_selection") {
            var p = RoutingProfile(id: "group:\(name)")
            if let d = f["delays"] {
                try d.rejectTag()
                guard case .mapping(let mapping) = d.node else { throw d.error("expected { queue: delay, ... }") }
                for (k, v) in mapping {
                    let queue = try context.queue(YAMLValue(node: k, path: d.path, file: d.file, isKey: true))
                    let value = YAMLValue(node: v, path: "\(d.path).\(queue)", file: d.file)
                    let delay = try value.duration()
                    if delay < 0 { throw value.error("must not be negative") }
                    p.delays.append(QueueDelay(queue: queue, delaySeconds: delay))
                    delayNodes.append((queue, value))
                }
            }
            if let c = f["contact_selection"] { p.contactSelection = try snakeChoice(c, ContactSelectionPolicy.allCases) }
            profile = p
        }
        let capacity = try f["capacity"].map { try readCapacity($0, base: context.capacity) }
        // With a headcount, room for agents still finishing a contact after
        // their shift ended while the headcount rises again: (max − min) of
        // them. With shifts, one agent per shift place.
        let most = headcount.max() ?? 0, least = headcount.min() ?? 0
        let size = shifts.isEmpty ? most + (most - least) : shifts.reduce(0) { $0 + $1.count }
        if !shifts.isEmpty && size > ScenarioLimits.mostAgents {
            throw try f.required("shifts").error("\(size) agents in all: at most \(ScenarioLimits.mostAgents)")
        }
        let template = AgentConfiguration(id: name, skills: skills, groups: [name], profile: profile?.id,
                                          capacity: capacity)
        let agents = (0..<size).map { k in
            var agent = template
            agent.id = "\(name)#\(k + 1)"
            return agent
        }
        func meets(_ r: SkillLevel) -> Bool { skills.contains { $0.skill == r.skill && $0.level >= r.level } }
        // The queues whose requirement, at some expansion step, this group meets.
        let serves = queueConfigs.indices.filter { q in
            let steps = [queueConfigs[q].requirement] + queueConfigs[q].expansion.map(\.requirement)
            return steps.contains { step in
                step.groups.contains(name)
                    || ((!step.allOf.isEmpty || !step.anyOf.isEmpty) && step.allOf.allSatisfy(meets)
                        && (step.anyOf.isEmpty || step.anyOf.contains(where: meets)))
            }
        }
        for (queue, node) in delayNodes where !serves.contains(context.queues.firstIndex(of: queue)!) {
            throw node.error("the group serves queue '\(queue)' at no expansion step: the delay would never act")
        }
        var group = AgentGroupModel(name: name, headcount: headcount, serves: serves,
                                    agents: firstAgent..<(firstAgent + size))
        group.shifts = shifts
        group.template = template
        if let v = f["shrinkage"] {
            group.shrinkage = try v.number()
            if !(group.shrinkage >= 0 && group.shrinkage < 1) { throw v.error("must be in [0, 1)") }
        }
        if let v = f["cost"] {
            group.costPerHour = try v.number()
            if !(group.costPerHour > 0) { throw v.error("must be positive") }
        }
        return Read(group: group, agents: agents, profile: profile)
    }

    /// `[{ start: 8h, end: 16h, count: 12, breaks: [{ at: 10h, length: 15m }] }, ...]`:
    /// each shift starts before the end of the run and ends after its start;
    /// its breaks lie within it, in time order, not overlapping.
    func readShifts(_ node: YAMLValue) throws -> [Shift] {
        let items = try node.list()
        if items.isEmpty { throw node.error("give at least one shift") }
        return try items.map { item in
            let f = try item.mapping(allowed: ["start", "end", "count", "breaks"])
            let startNode = try f.required("start"), endNode = try f.required("end")
            let countNode = try f.required("count")
            let start = try startNode.duration(), end = try endNode.duration(), count = try agentCount(countNode)
            if start < 0 { throw startNode.error("must not be negative") }
            if start >= context.durationSeconds {
                throw startNode.error("must be before the end of the run (duration \(context.durationSeconds) s)")
            }
            if end <= start { throw endNode.error("must be after 'start' (\(start) s)") }
            var breaks: [ShiftBreak] = []
            for b in try f["breaks"]?.list() ?? [] {
                let bf = try b.mapping(allowed: ["at", "length"])
                let atNode = try bf.required("at"), lengthNode = try bf.required("length")
                let at = try atNode.duration(), length = try lengthNode.duration()
                if at < start { throw atNode.error("must not be before the shift's start (\(start) s)") }
                if at >= end { throw atNode.error("must be before the shift's end (\(end) s)") }
                if let last = breaks.last, at < last.end {
                    throw atNode.error("must not be before the end of the previous break (\(last.end) s)")
                }
                if length <= 0 { throw lengthNode.error("must be positive") }
                if at + length > end { throw lengthNode.error("the break must end by the shift's end (\(end) s)") }
                breaks.append(ShiftBreak(start: at, length: length))
            }
            let onBreak = breaks.reduce(0) { $0 + $1.length }
            if let node = f["breaks"], end - start - onBreak < ScenarioLimits.clockResolution {
                throw node.error("the breaks cover the whole shift: its agents would never be available")
            }
            return Shift(start: start, end: end, count: count, breaks: breaks)
        }
    }
}

/// A number of agents: a whole number, 0...`ScenarioLimits.mostAgents`.
func agentCount(_ node: YAMLValue) throws -> Int {
    let n = try node.integer()
    if !(0...ScenarioLimits.mostAgents).contains(n) { throw node.error("must be 0 to \(ScenarioLimits.mostAgents)") }
    return n
}
