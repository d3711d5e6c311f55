extension RoutingConfiguration {
    /// Checks the configuration; throws the first problem found, naming its
    /// field path. Complexity: O(size of the configuration), with hashing.
    public func validate() throws(ConfigurationError) {
        let skillIndex = try Self.index(skills, path: "skills")
        let groupIndex = try Self.index(groups, path: "groups")
        let queueIndex = try Self.index(queues.map(\.id), path: "queues", field: ".id")
        let profileIndex = try Self.index(routingProfiles.map(\.id), path: "routingProfiles", field: ".id")
        _ = try Self.index(agents.map(\.id), path: "agents", field: ".id")

        try Self.check(capacity: channels.capacity, path: "channels.capacity")
        for (q, queue) in queues.enumerated() {
            let p = "queues[\(q)]"
            try Self.check(queue.requirement, path: "\(p).requirement", skills: skillIndex, groups: groupIndex)
            var previous = -Double.infinity
            for (s, step) in queue.expansion.enumerated() {
                let sp = "\(p).expansion[\(s)]"
                guard step.afterSeconds.isFinite else {
                    throw ConfigurationError("\(sp).afterSeconds", .invalidValue("must be finite"))
                }
                if step.afterSeconds < 0 {
                    throw ConfigurationError("\(sp).afterSeconds", .negativeAfter(step.afterSeconds))
                }
                if step.afterSeconds <= previous {
                    throw ConfigurationError("\(sp).afterSeconds", .stepsNotIncreasing)
                }
                previous = step.afterSeconds
                try Self.check(step.requirement, path: "\(sp).requirement", skills: skillIndex, groups: groupIndex)
            }
            try Self.nonNegative(queue.agingPerSecond, "\(p).agingPerSecond")
            try Self.nonNegative(queue.weight, "\(p).weight")
            try Self.nonNegative(queue.wrapUpSeconds, "\(p).wrapUpSeconds")
            try Self.positive(queue.offerTimeoutSeconds, "\(p).offerTimeoutSeconds")
            try Self.positive(queue.callbackOfferAboveSeconds, "\(p).callbackOfferAboveSeconds")
            try Self.positive(queue.recheckSeconds, "\(p).recheckSeconds")
            try Self.positive(queue.expectedHandleSeconds, "\(p).expectedHandleSeconds")
            if let a = queue.announcements {
                try Self.positive(a.everySeconds, "\(p).announcements.everySeconds")
                try Self.positive(a.changeAboveSeconds, "\(p).announcements.changeAboveSeconds")
                if let percentile = a.percentile, !(percentile > 0 && percentile < 1) {
                    throw ConfigurationError("\(p).announcements.percentile", .invalidValue("must be in (0, 1)"))
                }
            }
            for (o, rule) in queue.overflow.enumerated() {
                let op = "\(p).overflow[\(o)]"
                if queueIndex[rule.target] == nil {
                    throw ConfigurationError("\(op).target", .unknownQueue(rule.target))
                }
                if rule.target == queue.id {
                    throw ConfigurationError("\(op).target", .invalidValue("overflow to the same queue"))
                }
                if rule.afterSeconds == nil && rule.expectedWaitAboveSeconds == nil {
                    throw ConfigurationError(op, .invalidValue("needs afterSeconds or expectedWaitAboveSeconds"))
                }
                if let after = rule.afterSeconds, after < 0 || !after.isFinite {
                    throw ConfigurationError("\(op).afterSeconds", .negativeAfter(after))
                }
                try Self.positive(rule.afterSeconds, "\(op).afterSeconds")
                try Self.positive(rule.expectedWaitAboveSeconds, "\(op).expectedWaitAboveSeconds")
            }
        }
        for (a, agent) in agents.enumerated() {
            try Self.check(agent: agent, path: "agents[\(a)]", skills: skillIndex, groups: groupIndex,
                           profiles: profileIndex)
        }
        for (r, profile) in routingProfiles.enumerated() {
            for (d, delay) in profile.delays.enumerated() {
                let dp = "routingProfiles[\(r)].delays[\(d)]"
                if queueIndex[delay.queue] == nil {
                    throw ConfigurationError("\(dp).queue", .unknownQueue(delay.queue))
                }
                if delay.delaySeconds < 0 || !delay.delaySeconds.isFinite {
                    throw ConfigurationError("\(dp).delaySeconds", .negativeAfter(delay.delaySeconds))
                }
            }
        }
        if reservations.count > 64 {
            throw ConfigurationError("reservations", .invalidValue("at most 64 rules"))
        }
        for (r, rule) in reservations.enumerated() {
            let rp = "reservations[\(r)]"
            if groupIndex[rule.group] == nil { throw ConfigurationError("\(rp).group", .unknownGroup(rule.group)) }
            if rule.keepFree < 0 {
                throw ConfigurationError("\(rp).keepFree", .invalidValue("must not be negative"))
            }
            for (i, q) in rule.protectedQueues.enumerated() where queueIndex[q] == nil {
                throw ConfigurationError("\(rp).protectedQueues[\(i)]", .unknownQueue(q))
            }
        }
        guard policies.occupancyWindowSeconds > 0, policies.occupancyWindowSeconds.isFinite else {
            throw ConfigurationError("policies.occupancyWindowSeconds", .invalidValue("must be positive"))
        }
        guard policies.handleTimeSmoothing > 0, policies.handleTimeSmoothing <= 1 else {
            throw ConfigurationError("policies.handleTimeSmoothing", .invalidValue("must be in (0, 1]"))
        }
    }

    /// Checks one agent (also used for agents added at runtime).
    static func check(agent: AgentConfiguration, path: String, skills: [String: Int], groups: [String: Int],
                      profiles: [String: Int]) throws(ConfigurationError) {
        var seen: [String: Int] = [:]
        for (s, skill) in agent.skills.enumerated() {
            if skills[skill.skill] == nil {
                throw ConfigurationError("\(path).skills[\(s)].skill", .unknownSkill(skill.skill))
            }
            if seen.updateValue(s, forKey: skill.skill) != nil {
                throw ConfigurationError("\(path).skills[\(s)].skill", .duplicateID(skill.skill))
            }
            if !(1...10).contains(skill.level) {
                throw ConfigurationError("\(path).skills[\(s)].level", .levelOutOfRange(skill.level))
            }
        }
        for (g, group) in agent.groups.enumerated() where groups[group] == nil {
            throw ConfigurationError("\(path).groups[\(g)]", .unknownGroup(group))
        }
        if let profile = agent.profile, profiles[profile] == nil {
            throw ConfigurationError("\(path).profile", .unknownProfile(profile))
        }
        if let capacity = agent.capacity { try check(capacity: capacity, path: "\(path).capacity") }
    }

    static func index(_ ids: [String], path: String, field: String = "") throws(ConfigurationError) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if id.isEmpty { throw ConfigurationError("\(path)[\(i)]\(field)", .invalidValue("empty id")) }
            if index.updateValue(i, forKey: id) != nil {
                throw ConfigurationError("\(path)[\(i)]\(field)", .duplicateID(id))
            }
        }
        return index
    }

    private static func check(capacity: ChannelCapacity, path: String) throws(ConfigurationError) {
        for channel in Channel.allCases {
            let c = capacity[channel]
            if c < 1 { throw ConfigurationError("\(path).\(channel.rawValue)", .capacityBelowOne(c)) }
            if c > ChannelCapacity.mostPerChannel {
                throw ConfigurationError("\(path).\(channel.rawValue)",
                                         .invalidValue("channel capacity must be at most \(ChannelCapacity.mostPerChannel) (got \(c))"))
            }
        }
    }

    private static func check(_ r: SkillRequirement, path: String, skills: [String: Int],
                              groups: [String: Int]) throws(ConfigurationError) {
        if r.allOf.isEmpty && r.anyOf.isEmpty && r.groups.isEmpty {
            throw ConfigurationError(path, .emptyRequirement)
        }
        for (name, list) in [("allOf", r.allOf), ("anyOf", r.anyOf)] {
            for (i, s) in list.enumerated() {
                if skills[s.skill] == nil { throw ConfigurationError("\(path).\(name)[\(i)].skill", .unknownSkill(s.skill)) }
                if !(1...10).contains(s.level) {
                    throw ConfigurationError("\(path).\(name)[\(i)].level", .levelOutOfRange(s.level))
                }
            }
        }
        for (g, group) in r.groups.enumerated() where groups[group] == nil {
            throw ConfigurationError("\(path).groups[\(g)]", .unknownGroup(group))
        }
    }

    private static func nonNegative(_ v: Double, _ path: String) throws(ConfigurationError) {
        if !(v >= 0 && v.isFinite) { throw ConfigurationError(path, .invalidValue("must be a finite number >= 0")) }
    }

    private static func positive(_ v: Double?, _ path: String) throws(ConfigurationError) {
        if let v, !(v > 0 && v.isFinite) { throw ConfigurationError(path, .invalidValue("must be a finite number > 0")) }
    }
}
