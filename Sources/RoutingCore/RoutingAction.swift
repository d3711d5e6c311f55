/// An output of the core, written into the caller's `ActionBuffer`, in the
/// order the decisions were taken.
public enum RoutingAction: Sendable, Hashable, Codable {
    /// The contact is connected to the agent at once (auto-answer queues).
    case assign(ContactHandle, AgentID)
    /// The contact is offered to the agent, who must accept before `deadline`.
    case offer(ContactHandle, AgentID, deadline: Int64)
    /// The offer ran out (ring-no-answer); the contact is back in its queue
    /// at its original place.
    case offerTimedOut(ContactHandle, AgentID)
    /// The agent was made not ready with this reason (after ring-no-answer
    /// or a rejected offer).
    case agentNotReady(AgentID, reason: Int32)
    /// The agent logged out after finishing its last contact.
    case agentLoggedOut(AgentID)
    /// Tell the contact its place in line (0 = next) and expected wait in
    /// microseconds (`Int64.max`: no qualified agent, no estimate).
    case announce(ContactHandle, position: Int32, expectedWait: Int64)
    /// Offer the contact a callback; its expected wait in microseconds.
    case offerCallback(ContactHandle, expectedWait: Int64)
    /// The contact moved from one queue to another (overflow).
    case moved(ContactHandle, from: QueueID, to: QueueID)
    /// The contact became eligible in another queue as well (interflow), in
    /// place of any queue an earlier interflow added.
    case alsoQueued(ContactHandle, QueueID)
    /// Wrap-up ended and the contact's handle is released; the agent's
    /// capacity is free again.
    case released(ContactHandle, AgentID)
}
