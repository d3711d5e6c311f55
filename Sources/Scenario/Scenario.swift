import RoutingCore
import Simulation
import Stochastics

/// A scenario file, loaded and checked: the simulation model it describes.
/// Every problem is a `ScenarioError` naming the file, line, column and
/// field; nothing is half-loaded.
public struct Scenario: Sendable {
    public var model: SimulationModel
    /// Per queue, where its entry is in the file (an error without a
    /// message), for checks made after loading, such as `acd staff` needing a target.
    let queueEntries: [ScenarioError]

    /// An error at queue `q`'s entry in the scenario file: file, line,
    /// column and `queues[q]`.
    public func error(atQueue q: Int, _ message: String) -> ScenarioError {
        var error = queueEntries[q]
        error.message = message
        return error
    }

    /// Loads the scenario in `text`; `file` names it in errors, and its
    /// directory is where relative `arrivals.profile` paths start.
    public static func parse(_ text: String, file: String, profiles: ProfileReading = .fromDisk) throws -> Scenario {
        let root = try YAMLValue.parse(text, file: file)
        return try ScenarioReader(root: root, profiles: profiles).read()
    }
}

/// Reads a scenario document into a `SimulationModel` and the routing
/// configuration of the production core.
struct ScenarioReader {
    let root: YAMLValue
    let profiles: ProfileReading

    static let topKeys = ["name", "description", "duration", "warmup", "replications", "seed", "interval",
                          "skills", "queues", "agents", "routing", "reservations", "channels"]

    /// A name (of the scenario, a queue, skill or group): not empty, and no
    /// line breaks or other control characters, which would break the rows
    /// of the CSV results or the name of the results folder.
    static func checkLabel(_ node: YAMLValue) throws {
        let name = try node.string()
        if name.isEmpty { throw node.error("must not be empty") }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw node.error("must not contain line breaks, tabs or other control characters")
        }
    }

    func read() throws -> Scenario {
        let top = try root.mapping(allowed: Self.topKeys)
        let name = try top.required("name").string()
        try Self.checkLabel(top.required("name"))
        if name.unicodeScalars.count > ScenarioLimits.longestName {
            throw try top.required("name").error("must be at most \(ScenarioLimits.longestName) characters: it names the results folder")
        }
        if name.hasPrefix(".") || name.contains(where: { $0 == "/" || $0 == "\\" || $0.isNewline }) {
            throw try top.required("name").error(
                "names the results folder Results/<name>/: no '/', '\\', line breaks or leading '.'")
        }
        _ = try top["description"]?.string()
        let duration = try top.required("duration").duration()
        guard duration >= 1 else { throw try top.required("duration").error("must be at least 1s") }
        let warmup = try top["warmup"]?.duration() ?? 0
        if let w = top["warmup"], !(warmup >= 0 && warmup < duration) {
            throw w.error("must be at least 0 and shorter than duration (\(duration) s)")
        }
        let replications = try top["replications"]?.integer() ?? 10
        if let r = top["replications"], !(1...ScenarioLimits.mostReplications).contains(replications) {
            throw r.error("must be 1 to \(ScenarioLimits.mostReplications)")
        }
        let seed = try top["seed"]?.seed() ?? 1
        let interval = try top["interval"]?.duration() ?? 1800
        // Whole seconds, so that every interval's start has an exact label
        // (`HH:MM:SS`) that staffing plans and profiles can name.
        if let i = top["interval"], !(interval >= 1 && interval == interval.rounded()) {
            throw i.error("must be a whole number of seconds, at least 1s")
        }
        if duration / interval > Double(ScenarioLimits.mostIntervals) {
            throw try (top["interval"] ?? top.required("duration")).error(
                "\(duration) s of \(interval)-second intervals is more than \(ScenarioLimits.mostIntervals) reporting intervals")
        }

        let queueNodes = try top.required("queues").list()
        guard !queueNodes.isEmpty else { throw try top.required("queues").error("at least one queue is required") }
        let queueNames = try queueNodes.map { node in
            let name = try node.mapping(allowed: QueueReader.keys).required("name")
            try Self.checkLabel(name)
            if try name.string() == "overall" {
                throw name.error("'overall' names the total over all queues in the results: choose another name")
            }
            return try name.string()
        }
        try checkUnique(queueNames, nodes: queueNodes, what: "queue")
        var skills = queueNames
        for node in try top["skills"]?.list() ?? [] {
            try Self.checkLabel(node)
            let skill = try node.string()
            if skills.contains(skill) { throw node.error("skill '\(skill)' is already defined (every queue defines a skill of its name)") }
            skills.append(skill)
        }
        let groupNodes = try top.required("agents").list()
        guard !groupNodes.isEmpty else { throw try top.required("agents").error("at least one agent group is required") }
        let groupNames = try groupNodes.map { node in
            let name = try node.mapping(allowed: GroupReader.keys).required("group")
            try Self.checkLabel(name)
            return try name.string()
        }
        try checkUnique(groupNames, nodes: groupNodes, what: "agent group")

        var channels = ChannelRules()
        if let node = top["channels"] {
            let f = try node.mapping(allowed: ["capacity", "exclusive"])
            if let c = f["capacity"] { channels.capacity = try readCapacity(c, base: ChannelCapacity()) }
            if let e = f["exclusive"] {
                let items = try e.list()
                channels.exclusive = try items.map { Channel(rawValue: try $0.choice(Channel.allCases.map(\.rawValue)))! }
                try checkNoRepeats(channels.exclusive.map(\.rawValue), nodes: items)
            }
        }
        let context = ReaderContext(skills: skills, queues: queueNames, groups: groupNames, durationSeconds: duration,
                                    intervalSeconds: interval, capacity: channels.capacity, file: root.file, profiles: profiles,
                                    profileFiles: QueueReader.profileFiles(queueNodes, scenarioFile: root.file))
        var queues: [QueueModel] = []
        var queueConfigs: [QueueConfiguration] = []
        for node in queueNodes {
            let (queue, config) = try QueueReader(node: node, context: context).read()
            queues.append(queue)
            queueConfigs.append(config)
        }
        var groups: [AgentGroupModel] = []
        var agents: [AgentConfiguration] = []
        var profiles: [RoutingProfile] = []
        for node in groupNodes {
            let reader = GroupReader(node: node, context: context)
            let read = try reader.read(firstAgent: agents.count, queueConfigs: queueConfigs)
            groups.append(read.group)
            agents.append(contentsOf: read.agents)
            if let profile = read.profile { profiles.append(profile) }
        }
        // Each group's most agents on duty (records for agents still
        // finishing a contact come on top, at most as many again).
        let onDuty = groups.reduce(0) { $0 + ($1.shifts.isEmpty ? $1.headcount.max() ?? 0 : $1.shifts.reduce(0) { $0 + $1.count }) }
        if onDuty > ScenarioLimits.mostAgents {
            throw try top.required("agents").error(
                "\(onDuty) agents in all groups together: at most \(ScenarioLimits.mostAgents)")
        }
        // A queue that no group serves at any expansion step, and that sends
        // nobody elsewhere, would only ever let its contacts wait.
        for (q, node) in queueNodes.enumerated()
        where queueConfigs[q].overflow.isEmpty && !groups.contains(where: { $0.serves.contains(q) }) {
            throw node.error("no agent group meets this queue's requirement at any expansion step, and it has no overflow")
        }
        var policies = RoutingPolicies()
        if let routing = top["routing"] {
            let f = try routing.mapping(allowed: ["agent_selection", "contact_selection", "occupancy_window",
                                                  "handle_time_smoothing"])
            if let v = f["agent_selection"] {
                policies.agentSelection = try snakeChoice(v, AgentSelectionPolicy.allCases)
            }
            if let v = f["contact_selection"] {
                policies.contactSelection = try snakeChoice(v, ContactSelectionPolicy.allCases)
            }
            if let v = f["occupancy_window"] {
                policies.occupancyWindowSeconds = try v.duration()
                if policies.occupancyWindowSeconds <= 0 { throw v.error("must be positive") }
            }
            if let v = f["handle_time_smoothing"] {
                policies.handleTimeSmoothing = try v.number()
                if !(policies.handleTimeSmoothing > 0 && policies.handleTimeSmoothing <= 1) { throw v.error("must be in (0, 1]") }
            }
        }
        // Aging and weights act only under the contact selection that reads them.
        let selections = [policies.contactSelection] + profiles.compactMap(\.contactSelection)
        for node in queueNodes {
            let f = try node.mapping(allowed: QueueReader.keys)
            for (key, policy) in [("aging_per_minute", ContactSelectionPolicy.agedPriority), ("weight", .weightedWait)]
            where f.has(key) && !selections.contains(policy) {
                throw try f.required(key).error("used only by contact_selection: \(snakeCased(policy.rawValue)), which neither "
                                                + "routing nor any group selects; select it or leave '\(key)' out")
            }
        }
        var reservations: [ReservationRule] = []
        for node in try top["reservations"]?.list() ?? [] {
            let f = try node.mapping(allowed: ["group", "keep_free", "protect"])
            let group = try context.group(f.required("group"))
            if let earlier = reservations.firstIndex(where: { $0.group == group }) {
                throw try f.required("group").error("group '\(group)' already has a reservation (reservations[\(earlier)]): "
                                                    + "give it one entry, protecting all its queues")
            }
            let keepFree = try f.required("keep_free").integer()
            if keepFree < 1 { throw try f.required("keep_free").error("must be at least 1") }
            let protectNodes = try f.required("protect").list()
            let protected = try protectNodes.map { try context.queue($0) }
            try checkNoRepeats(protected, nodes: protectNodes)
            if protected.isEmpty { throw try f.required("protect").error("name at least one queue the agents are kept free for") }
            // Never more than keep_free of them available: the group would
            // serve none of its other queues, whose callers would only wait.
            let g = groupNames.firstIndex(of: group)!
            let size = groups[g].agents.count
            let others = groups[g].serves.filter { !protected.contains(queueNames[$0]) }
            if keepFree >= size, let other = others.first {
                throw try f.required("keep_free").error(
                    "the group has at most \(size) agents, so with \(keepFree) kept free it would never serve "
                    + "queue '\(queueNames[other])'; lower keep_free or take that skill from the group")
            }
            reservations.append(ReservationRule(group: group, keepFree: keepFree, protectedQueues: protected))
        }
        let routing = RoutingConfiguration(
            skills: skills, groups: groupNames, channels: channels, queues: queueConfigs, agents: agents,
            routingProfiles: profiles, reservations: reservations, policies: policies)
        do {
            try routing.validate()
        } catch {
            throw root.error("routing configuration: \(error)")
        }
        let model = SimulationModel(
            name: name, durationSeconds: duration, warmupSeconds: warmup, replications: replications,
            seed: seed, intervalSeconds: interval, queues: queues, groups: groups, routing: routing)
        return Scenario(model: model, queueEntries: queueNodes.map { $0.error("") })
    }

    func checkUnique(_ names: [String], nodes: [YAMLValue], what: String) throws {
        for (k, name) in names.enumerated() where names[..<k].contains(name) {
            throw nodes[k].error("duplicate \(what) name '\(name)'")
        }
    }
}

/// A list of names (read from `nodes`) in which each may appear once.
func checkNoRepeats(_ names: [String], nodes: [YAMLValue]) throws {
    for (k, name) in names.enumerated() where names[..<k].contains(name) {
        throw nodes[k].error("'\(name)' appears twice")
    }
}

/// Names a scenario defines, for resolving references with good errors.
struct ReaderContext {
    let skills: [String]
    let queues: [String]
    let groups: [String]
    let durationSeconds: Double
    let intervalSeconds: Double
    /// Every agent's channel capacity unless its group overrides some channels.
    let capacity: ChannelCapacity
    /// The scenario file, where relative profile paths start.
    let file: String
    let profiles: ProfileReading
    /// The CSV profile of each queue that names one (`QueueReader.fileKey`), by queue name.
    let profileFiles: [String: String]

    func skill(_ node: YAMLValue, name: String? = nil) throws -> String {
        let s = try name ?? node.string()
        guard skills.contains(s) else {
            throw node.error("unknown skill '\(s)'; known skills: \(skills.joined(separator: ", ")) (add others under 'skills')")
        }
        return s
    }

    /// A list of `count` values, one per `step` seconds from the start of
    /// the run (at `node`), holds one value, one per step of the whole run,
    /// or one day's, repeated each day. Any other length would repeat
    /// part-way through the run, or leave values unused, without a word (a
    /// half-hourly list kept when `interval` becomes 15m).
    func checkCoversTheRun(_ node: YAMLValue, count: Int, step: Double, what: String) throws {
        guard count > 1 else { return }
        let steps = Int((durationSeconds / step - 1e-9).rounded(.up))
        let perDay = 86_400 / step
        if count == steps || count == Int(exactly: perDay) { return }
        let text = ArrivalProfileCSV.durationText
        throw node.error("\(count) \(what), \(text(step)) each, cover \(text(Double(count) * step)) of the \(text(durationSeconds)) run: "
                         + "give one per \(text(step)) of the run (\(steps))"
                         + (perDay == perDay.rounded() ? ", one day's (\(Int(perDay)), repeated daily)" : "") + " or a single value")
    }

    func queue(_ node: YAMLValue) throws -> String {
        let q = try node.string()
        guard queues.contains(q) else { throw node.error("unknown queue '\(q)'; queues: \(queues.joined(separator: ", "))") }
        return q
    }

    func group(_ node: YAMLValue) throws -> String {
        let g = try node.string()
        guard groups.contains(g) else { throw node.error("unknown agent group '\(g)'; groups: \(groups.joined(separator: ", "))") }
        return g
    }
}

/// `{ voice: 1, chat: 3, email: 1, callback: 1 }`, each 1 to
/// `ScenarioLimits.mostCapacity`; channels not named keep their capacity in `base`.
func readCapacity(_ node: YAMLValue, base: ChannelCapacity) throws -> ChannelCapacity {
    let f = try node.mapping(allowed: Channel.allCases.map(\.rawValue))
    var capacity = base
    for channel in Channel.allCases {
        guard let v = f[channel.rawValue] else { continue }
        let n = try v.integer()
        if !(1...ScenarioLimits.mostCapacity).contains(n) {
            throw v.error("capacity must be 1 to \(ScenarioLimits.mostCapacity)")
        }
        switch channel {
        case .voice: capacity.voice = n
        case .chat: capacity.chat = n
        case .email: capacity.email = n
        case .callback: capacity.callback = n
        }
    }
    return capacity
}
