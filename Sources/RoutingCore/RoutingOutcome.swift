/// An event the core declined, as a value: the event had no effect (timers
/// due by its `now` still fired, except for `timeWentBackwards`).
public enum RoutingRejection: Error, Sendable, Equatable, Codable {
    /// `now` is earlier than the previous event's time.
    case timeWentBackwards
    /// The handle's contact is gone (finished, abandoned) or never existed.
    case staleContact
    /// The contact is not in a state where this event applies.
    case wrongContactState
    case unknownAgent
    case unknownQueue
    /// The agent is not in a state where this event applies.
    case wrongAgentState
    /// The agent still holds contacts.
    case agentHasContacts
    case invalidSkills
}

/// What `RoutingCore.handle` returns besides the actions it writes.
public enum RoutingOutcome: Sendable, Equatable, Codable {
    /// The event was applied.
    case applied
    /// A contact arrived and was given this handle.
    case admitted(ContactHandle)
    /// The event was declined; see `RoutingRejection`.
    case rejected(RoutingRejection)
}
