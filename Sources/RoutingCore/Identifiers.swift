/// Dense index of a skill: its position in `RoutingConfiguration.skills`.
public struct SkillID: Hashable, Comparable, Sendable, Codable {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
    @inlinable public static func < (a: SkillID, b: SkillID) -> Bool { a.index < b.index }
}

/// Dense index of a queue: its position in `RoutingConfiguration.queues`.
public struct QueueID: Hashable, Comparable, Sendable, Codable {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
    @inlinable public static func < (a: QueueID, b: QueueID) -> Bool { a.index < b.index }
}

/// Dense index of an agent: its position in `RoutingConfiguration.agents`,
/// then agents added at runtime in the order they were added.
public struct AgentID: Hashable, Comparable, Sendable, Codable {
    public var index: Int32
    @inlinable public init(_ index: Int) { self.index = Int32(index) }
    @inlinable public static func < (a: AgentID, b: AgentID) -> Bool { a.index < b.index }
}

/// A contact's handle inside the core, handed out when the contact arrives.
///
/// `slot` is a dense index reused through a free list once the contact is
/// gone; `generation` changes on every reuse, so a stale handle is detected
/// and rejected instead of touching another contact. The shell keeps the
/// mapping from handles to its own contact ids.
public struct ContactHandle: Hashable, Sendable, Codable {
    public var slot: Int32
    public var generation: UInt32
    @inlinable public init(slot: Int32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A media channel. Each agent has a capacity per channel; see `ChannelRules`.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case voice, chat, email, callback

    @inlinable var index: Int {
        switch self {
        case .voice: 0
        case .chat: 1
        case .email: 2
        case .callback: 3
        }
    }
}
