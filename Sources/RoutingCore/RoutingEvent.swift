/// An input to the core. Every event is handled at a time `now` that the
/// shell passes along (`Int64` microseconds from an epoch the shell chooses).
/// Timers due at or before `now` fire before the event itself.
public enum RoutingEvent: Sendable, Equatable, Codable {
    /// A contact enters `queue` with a base `priority` (higher first; urgent
    /// and VIP contacts get a higher value). Outcome: `.admitted(handle)`.
    case contactArrived(queue: QueueID, priority: Int32)
    /// A waiting or offered contact left before an agent took it.
    case contactAbandoned(ContactHandle)
    /// A waiting (or offered) contact asks to be called back (virtual hold):
    /// it keeps its place (by original arrival) and is assigned like any
    /// other contact, on its queue's channel, when its turn comes; the shell
    /// holds no line meanwhile and should not report it abandoned.
    case callbackRequested(ContactHandle)
    /// The shell asks for the contact's place and expected wait now; the
    /// core answers with an `.announce` action.
    case announcementRequested(ContactHandle)
    /// The agent accepted the offer of this contact.
    case offerAccepted(ContactHandle)
    /// The agent rejected the offer: as a ring-no-answer.
    case offerRejected(ContactHandle)
    /// The agent finished talking to the contact; wrap-up follows for
    /// `wrapUpMicroseconds` if given, otherwise for the queue's default.
    case contactFinished(ContactHandle, wrapUpMicroseconds: Int64?)
    /// The agent finished wrap-up early.
    case wrapUpDone(ContactHandle)
    /// A configured agent logs in, ready.
    case agentLoggedIn(AgentID)
    /// The agent logs out now; rejected while it holds contacts.
    case agentLoggedOut(AgentID)
    /// The agent takes no new contacts and logs out once its last contact
    /// ends (at once if it holds none), e.g. at the end of a shift.
    case agentLogOutWhenDone(AgentID)
    /// The agent becomes ready for contacts (cancelling a pending
    /// log-out-when-done).
    case agentReady(AgentID)
    /// The agent takes no new contacts, with a reason code; contacts in
    /// progress continue.
    case agentNotReady(AgentID, reason: Int32)
    /// The agent's skills are replaced (levels 1...10). Rebuilds the routing
    /// indexes: O(queues x steps x agents); meant for rare changes.
    case agentSkillsChanged(AgentID, [AgentSkill])
    /// Nothing happened but time passed: fire due timers.
    case timePassed
}
