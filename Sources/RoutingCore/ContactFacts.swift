/// Routing facts about one contact, for statistics at assignment and later.
public struct ContactFacts: Sendable, Equatable {
    /// Queue the contact is in now, or was assigned from.
    public var queue: QueueID
    /// Queue it first entered.
    public var originalQueue: QueueID
    /// Arrival time (microseconds); kept across overflow and offers.
    public var arrival: Int64
    public var priority: Int32
    /// The agent it is offered or connected to, or in wrap-up with.
    public var agent: AgentID?
    /// That agent's level in the requirement in force at assignment
    /// (first `allOf` skill, else best matching `anyOf` skill; 1 for group-only).
    public var agentLevel: Int
    /// When it was answered (connected), if it was.
    public var answered: Int64?
    /// Whether the contact asked for a callback.
    public var callback: Bool
}
