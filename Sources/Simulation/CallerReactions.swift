import Stochastics

/// How a queue's callers react to what the ACD tells them. All their random
/// choices are drawn at arrival from the queue's own streams, so a routing
/// change does not change who would balk or take a callback.
public struct CallerReactions: Sendable {
    /// Share of callers who hang up when told a wait above their tolerance.
    public var balkShare: Double
    /// Those callers' tolerance of an announced wait, seconds.
    public var balkTolerance: Distribution?
    /// Probability that a caller offered a callback accepts it.
    public var callbackAccept: Double
    /// Probability that the customer answers when the agent calls back.
    public var callbackAnswer: Double
    /// Agent time spent on a callback the customer does not answer, seconds.
    public var callbackAttemptSeconds: Double
    /// When set, an announcement resets the caller's patience to this many
    /// times the announced wait (from the announcement); nil leaves it unchanged.
    public var patienceRelativeToAnnouncement: Double?

    public init(balkShare: Double = 0, balkTolerance: Distribution? = nil, callbackAccept: Double = 0,
                callbackAnswer: Double = 1, callbackAttemptSeconds: Double = 30,
                patienceRelativeToAnnouncement: Double? = nil) {
        self.balkShare = balkShare
        self.balkTolerance = balkTolerance
        self.callbackAccept = callbackAccept
        self.callbackAnswer = callbackAnswer
        self.callbackAttemptSeconds = callbackAttemptSeconds
        self.patienceRelativeToAnnouncement = patienceRelativeToAnnouncement
    }

    /// Whether any reaction is configured (otherwise nothing is drawn).
    public var isActive: Bool {
        (balkShare > 0 && balkTolerance != nil) || callbackAccept > 0 || patienceRelativeToAnnouncement != nil
    }
}
