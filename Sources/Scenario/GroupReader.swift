import RoutingCore
import Simulation

/// Reads one entry of `agents:`: a group of identical agents and its
/// headcount over the day.
struct GroupReader {
    let node: YAMLValue
    let context: ReaderContext

    static let keys = ["group", "count", "headcount", "skills", "capacity", "delays", "contact_selection",
                       "shrinkage", "cost"]

    struct Read {
        var group: AgentGroupModel
        var agents: [AgentConfiguration]
        var profile: RoutingProfile?
    }

    func read(firstAgent: Int, queueConfigs: [QueueConfiguration]) throws -> Read {
        let f = try node.mapping(allowed: Self.keys)
        let name = try f.required("group").string()
        let headcount: [Int]
        switch (f["count"], f["headcount"]) {
        case (let c?, nil):
            headcount = [try agentCount(c)]
        case (nil, let h?):
            let items = try h.list()
            if items.isEmpty { throw h.error("give one headcount per interval") }
            headcount = try items.map(agentCount)
        case (_?, _?):
            throw node.error("give either 'count' or 'headcount', not both")
        case (nil, nil):
            throw node.error("missing required key 'count' (or 'headcount', one per interval)")
        }
        let skills = try skillLevels(f.required("skills"), context: context)
        var profile: RoutingProfile?
        if f.has("delays") || f.has("contact_selection") {
            var p = RoutingProfile(id: "group:\(name)")
            if let d = f["delays"] {
                guard case .mapping(let mapping) = d.node else { throw d.error("expected { queue: delay, ... }") }
                for (k, v) in mapping {
                    let queue = try context.queue(YAMLValue(node: k, path: d.path, file: d.file))
                    let value = YAMLValue(node: v, path: "\(d.path).\(queue)", file: d.file)
                    let delay = try value.duration()
                    if delay < 0 { throw value.error("must not be negative") }
                    p.delays.append(QueueDelay(queue: queue, delaySeconds: delay))
                }
            }
            if let c = f["contact_selection"] { p.contactSelection = try snakeChoice(c, ContactSelectionPolicy.allCases) }
            profile = p
        }
        let capacity = try f["capacity"].map { try readCapacity($0, base: context.capacity) }
        // Room for agents still finishing a contact after their shift ended
        // while the headcount rises again: at most (max − min) of them.
        let most = headcount.max()!, least = headcount.min()!
        let size = most + (most - least)
        let agents = (0..<size).map { k in
            AgentConfiguration(id: "\(name)#\(k + 1)", skills: skills, groups: [name],
                               profile: profile?.id, capacity: capacity)
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
        var group = AgentGroupModel(name: name, headcount: headcount, serves: serves,
                                    agents: firstAgent..<(firstAgent + size))
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
}

/// A number of agents: a whole number, 0...`ScenarioLimits.mostAgents`.
func agentCount(_ node: YAMLValue) throws -> Int {
    let n = try node.integer()
    if !(0...ScenarioLimits.mostAgents).contains(n) { throw node.error("must be 0 to \(ScenarioLimits.mostAgents)") }
    return n
}
