import RoutingCore
import Simulation
import Stochastics

/// Reads one entry of `queues:`: its traffic for the simulator and its
/// routing for the core.
struct QueueReader {
    let node: YAMLValue
    let context: ReaderContext

    static let keys = ["name", "channel", "arrivals", "handle_time", "wrap_up", "patience", "target",
                       "short_abandon", "priority", "urgent", "requires", "expansion", "aging_per_minute",
                       "weight", "overflow", "announcements", "wait_estimator", "recheck",
                       "callback_offer_above", "agent_selection", "expected_handle_time", "callers", "offer_timeout",
                       "ivr", "handle_time_factor"]

    func read() throws -> (QueueModel, QueueConfiguration) {
        let f = try node.mapping(allowed: Self.keys)
        let name = try f.required("name").string()
        let arrivals = try readArrivals(f.required("arrivals"), queue: name)
        let talk = try f.required("handle_time").distribution()
        if !(talk.mean > 0) { throw try f.required("handle_time").error("its mean must be positive") }
        let wrap = try f["wrap_up"]?.distribution()
        let patience = try f["patience"]?.distribution()
        var target: (serviceLevel: Double, withinSeconds: Double)?
        var maxASA: Double?, maxAbandon: Double?, maxOccupancy: Double?
        if let t = f["target"] {
            let tf = try t.mapping(allowed: ["service_level", "within", "max_asa", "max_abandon", "max_occupancy"])
            let sl = try tf.required("service_level").number()
            if !(sl > 0 && sl <= 1) { throw try tf.required("service_level").error("must be in (0, 1]") }
            let within = try tf.required("within").duration()
            if within < 0 { throw try tf.required("within").error("must not be negative") }
            target = (sl, within)
            maxASA = try positive(tf["max_asa"])
            maxAbandon = try tf["max_abandon"].map(share)
            maxOccupancy = try tf["max_occupancy"].map(share)
            if maxOccupancy == 0 { throw try tf.required("max_occupancy").error("must be positive") }
        }
        let shortAbandon = try nonNegative(f["short_abandon"]) ?? 0
        var urgentShare = 0.0
        var urgentPriority: Int32 = 0
        if let u = f["urgent"] {
            let uf = try u.mapping(allowed: ["share", "priority"])
            urgentShare = try uf.required("share").number()
            if !(urgentShare >= 0 && urgentShare <= 1) { throw try uf.required("share").error("must be in [0, 1]") }
            let p = try uf.required("priority").integer()
            if p < 1 || p > 1_000_000 { throw try uf.required("priority").error("must be in 1...1000000") }
            urgentPriority = Int32(p)
        }
        let reactions = try f["callers"].map(readReactions) ?? CallerReactions()
        var model = QueueModel(
            name: name, ratesPerSecond: arrivals.rates, arrivalIntervalSeconds: arrivals.interval,
            volumeCV: arrivals.volumeCV, surges: arrivals.surges, talkTime: talk, wrapUp: wrap,
            patience: patience, target: target, shortAbandonSeconds: shortAbandon,
            urgentShare: urgentShare, urgentPriority: urgentPriority, reactions: reactions)
        model.maxASASeconds = maxASA
        model.maxAbandon = maxAbandon
        model.maxOccupancy = maxOccupancy
        model.ivr = try f["ivr"].map(readIVR)
        model.handleTimeFactors = try f["handle_time_factor"].map(readHandleTimeFactors)

        var config = QueueConfiguration(
            id: name, requirement: SkillRequirement(allOf: [SkillLevel(name, 1)]),
            expectedHandleSeconds: talk.mean + (wrap?.mean ?? 0))
        if let c = f["channel"] { config.channel = Channel(rawValue: try c.choice(Channel.allCases.map(\.rawValue)))! }
        if let p = f["priority"] {
            config.priority = try p.integer()
            if !(-1_000_000...1_000_000).contains(config.priority) { throw p.error("must be in -1000000...1000000") }
        }
        if let r = f["requires"] { config.requirement = try readRequirement(r) }
        if let steps = f["expansion"] {
            config.expansion = try steps.list().map { step in
                let sf = try step.mapping(allowed: ["after", "requires"])
                let after = try sf.required("after").duration()
                if after < 0 { throw try sf.required("after").error("must not be negative") }
                return ExpansionStep(afterSeconds: after, requirement: try readRequirement(sf.required("requires")))
            }
            for (k, step) in config.expansion.enumerated().dropFirst()
            where step.afterSeconds <= config.expansion[k - 1].afterSeconds {
                throw try steps.list()[k].error("steps must have strictly increasing 'after' times")
            }
        }
        if let a = f["aging_per_minute"] {
            let perMinute = try a.number()
            if perMinute < 0 { throw a.error("must not be negative") }
            config.agingPerSecond = perMinute / 60
        }
        if let w = f["weight"] {
            config.weight = try w.number()
            if config.weight <= 0 { throw w.error("must be positive") }
        }
        if let rules = f["overflow"] {
            config.overflow = try rules.list().map { rule in
                let rf = try rule.mapping(allowed: ["after", "ewt_above", "to", "keep_original"])
                // At least a second, as a contact can overflow on through a
                // cycle of queues, once per `after`.
                let after = try repeatPeriod(rf["after"])
                let ewt = try positive(rf["ewt_above"])
                if after == nil && ewt == nil { throw rule.error("give 'after' or 'ewt_above' (or both)") }
                let to = try context.queue(rf.required("to"))
                if to == name { throw try rf.required("to").error("a queue cannot overflow to itself") }
                return OverflowRule(afterSeconds: after, expectedWaitAboveSeconds: ewt, target: to,
                                    keepOriginal: try rf["keep_original"]?.boolean() ?? false)
            }
        }
        if let a = f["announcements"] {
            let af = try a.mapping(allowed: Self.announcementKeys)
            var percentile: Double?
            if let p = af["percentile"] {
                percentile = try p.number()
                if !(percentile! > 0 && percentile! < 1) { throw p.error("must be between 0 and 1 (e.g. 0.8)") }
            }
            config.announcements = AnnouncementSettings(
                atEntry: try af["at_entry"]?.boolean() ?? true,
                everySeconds: try repeatPeriod(af["every"]),
                changeAboveSeconds: try positive(af["change_above"]),
                percentile: percentile)
        }
        if let e = f["wait_estimator"] { config.waitEstimator = try snakeChoice(e, WaitEstimator.allCases) }
        config.recheckSeconds = try repeatPeriod(f["recheck"])
        if let c = f["callback_offer_above"] { config.callbackOfferAboveSeconds = try positive(c) }
        if let s = f["agent_selection"] { config.agentSelection = try snakeChoice(s, AgentSelectionPolicy.allCases) }
        if let h = f["expected_handle_time"] { config.expectedHandleSeconds = try positive(h)! }
        if let o = f["offer_timeout"] { config.offerTimeoutSeconds = try positive(o) }
        try checkReactionsCanAct(f, config)
        try checkRecheckActs(f, config)
        return (model, config)
    }

    /// A period of repetition: at least `ScenarioLimits.shortestRepeat`.
    func repeatPeriod(_ node: YAMLValue?) throws -> Double? {
        guard let node else { return nil }
        let v = try node.duration()
        if v < ScenarioLimits.shortestRepeat { throw node.error(v <= 0 ? "must be positive" : "must be at least 1s") }
        return v
    }

    /// `recheck` re-evaluates the estimate for change announcements,
    /// `ewt_above` overflows and callback offers; without one of them it
    /// would only cost time, and `change_above` never acts without it.
    func checkRecheckActs(_ f: Fields, _ config: QueueConfiguration) throws {
        let changeAbove = config.announcements?.changeAboveSeconds != nil
        if let node = f["recheck"], !changeAbove, config.callbackOfferAboveSeconds == nil,
           !config.overflow.contains(where: { $0.expectedWaitAboveSeconds != nil }) {
            throw node.error("re-evaluates the expected wait for 'change_above' announcements, 'ewt_above' overflows "
                             + "or 'callback_offer_above': give one of them or leave 'recheck' out")
        }
        if changeAbove && config.recheckSeconds == nil,
           let node = try f["announcements"]?.mapping(allowed: Self.announcementKeys)["change_above"] {
            throw node.error("is judged at every 'recheck': give the queue 'recheck'")
        }
    }

    static let callerKeys = ["balk", "callback", "patience_on_announcement"]
    static let announcementKeys = ["at_entry", "every", "change_above", "percentile"]

    /// `callers: { balk: { share, tolerance }, callback: { accept, answer, attempt },
    /// patience_on_announcement: { relative } }`.
    func readReactions(_ node: YAMLValue) throws -> CallerReactions {
        let f = try node.mapping(allowed: Self.callerKeys)
        var r = CallerReactions()
        if let b = f["balk"] {
            let bf = try b.mapping(allowed: ["share", "tolerance"])
            r.balkShare = try share(bf.required("share"))
            r.balkTolerance = try bf.required("tolerance").distribution()
        }
        if let c = f["callback"] {
            let cf = try c.mapping(allowed: ["accept", "answer", "attempt"])
            r.callbackAccept = try share(cf.required("accept"))
            r.callbackAnswer = try cf["answer"].map(share) ?? 1
            r.callbackAttemptSeconds = try nonNegative(cf["attempt"]) ?? 30
        }
        if let p = f["patience_on_announcement"] {
            let pf = try p.mapping(allowed: ["relative"])
            let factor = try pf.required("relative").number()
            if factor <= 0 { throw try pf.required("relative").error("must be positive") }
            r.patienceRelativeToAnnouncement = factor
        }
        return r
    }

    /// Reactions to announcements need announcements, and callback takers
    /// need callback offers: without them the settings would never act.
    func checkReactionsCanAct(_ f: Fields, _ config: QueueConfiguration) throws {
        guard let callers = f["callers"] else { return }
        let cf = try callers.mapping(allowed: Self.callerKeys)
        if config.announcements == nil {
            for key in ["balk", "patience_on_announcement"] {
                if let node = cf[key] { throw node.error("callers react to announced waits: give the queue 'announcements'") }
            }
        }
        if config.callbackOfferAboveSeconds == nil, let node = cf["callback"] {
            throw node.error("callers take callbacks they are offered: give the queue 'callback_offer_above'")
        }
    }

    /// `ivr: { containment: 0.3, time: <distribution> }`.
    func readIVR(_ node: YAMLValue) throws -> IVRStage {
        let f = try node.mapping(allowed: ["containment", "time"])
        return IVRStage(containment: try share(f.required("containment")), time: try f.required("time").distribution())
    }

    /// `handle_time_factor: { 1: 1.4, 5: 1.0, 10: 0.9 }`: talk-time factors
    /// by proficiency level, each > 0.
    func readHandleTimeFactors(_ node: YAMLValue) throws -> HandleTimeFactors {
        try node.rejectTag()
        guard case .mapping(let mapping) = node.node else {
            throw node.error("expected factors by proficiency level, such as { 1: 1.4, 10: 0.9 }")
        }
        var listed: [Int: Double] = [:]
        for (keyNode, valueNode) in mapping {
            let key = YAMLValue(node: keyNode, path: node.path, file: node.file, isKey: true)
            let text = try key.string()
            guard let level = Int(text), (1...10).contains(level) else {
                throw key.error("levels are whole numbers 1 (lowest) to 10, got '\(text)'")
            }
            if listed[level] != nil { throw key.error("level \(level) appears twice") }
            let value = YAMLValue(node: valueNode, path: "\(node.path).\(level)", file: node.file)
            let factor = try value.number()
            if !(factor > 0 && factor <= 100) { throw value.error("must be positive, at most 100") }
            listed[level] = factor
        }
        if listed.isEmpty { throw node.error("give at least one level") }
        return HandleTimeFactors(listed: listed)
    }

    func share(_ node: YAMLValue) throws -> Double {
        let v = try node.number()
        if !(v >= 0 && v <= 1) { throw node.error("must be in [0, 1]") }
        return v
    }

    /// `{ all_of: { billing: 3 }, any_of: { usage: 2 }, groups: [seniors] }`.
    func readRequirement(_ node: YAMLValue) throws -> SkillRequirement {
        let f = try node.mapping(allowed: ["all_of", "any_of", "groups"])
        let groupNodes = try f["groups"]?.list() ?? []
        let groups = try groupNodes.map { try context.group($0) }
        try checkNoRepeats(groups, nodes: groupNodes)
        let requirement = SkillRequirement(
            allOf: try f["all_of"].map(readLevels) ?? [],
            anyOf: try f["any_of"].map(readLevels) ?? [],
            groups: groups)
        if requirement.allOf.isEmpty && requirement.anyOf.isEmpty && requirement.groups.isEmpty {
            throw node.error("a requirement needs all_of, any_of or groups")
        }
        return requirement
    }

    func readLevels(_ node: YAMLValue) throws -> [SkillLevel] {
        try skillLevels(node, context: context)
    }

    func positive(_ node: YAMLValue?) throws -> Double? {
        guard let node else { return nil }
        let v = try node.duration()
        if v <= 0 { throw node.error("must be positive") }
        if v < ScenarioLimits.clockResolution { throw node.error("must be at least 1µs (the clock's resolution)") }
        return v
    }

    func nonNegative(_ node: YAMLValue?) throws -> Double? {
        guard let node else { return nil }
        let v = try node.duration()
        if v < 0 { throw node.error("must not be negative") }
        return v
    }
}

/// `{ skill: level, ... }` with known skills and levels 1...10, in file order.
func skillLevels(_ node: YAMLValue, context: ReaderContext) throws -> [SkillLevel] {
    try node.rejectTag()
    guard case .mapping(let mapping) = node.node else {
        throw node.error("expected skills with levels, such as { billing: 5 }")
    }
    var levels: [SkillLevel] = []
    for (keyNode, valueNode) in mapping {
        let key = YAMLValue(node: keyNode, path: node.path, file: node.file, isKey: true)
        let skill = try context.skill(key)
        let value = YAMLValue(node: valueNode, path: "\(node.path).\(skill)", file: node.file)
        let level = try value.integer()
        if !(1...10).contains(level) { throw value.error("level must be 1 (lowest) to 10") }
        if levels.contains(where: { $0.skill == skill }) { throw key.error("skill '\(skill)' appears twice") }
        levels.append(SkillLevel(skill, level))
    }
    if levels.isEmpty { throw node.error("give at least one skill") }
    return levels
}

/// A policy named in snake_case (`most_proficient`) for a camelCase raw value.
func snakeChoice<T: RawRepresentable>(_ node: YAMLValue, _ cases: [T]) throws -> T where T.RawValue == String {
    let names = cases.map { snakeCased($0.rawValue) }
    let chosen = try node.choice(names)
    return cases[names.firstIndex(of: chosen)!]
}
