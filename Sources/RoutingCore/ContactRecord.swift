/// What stays true of a contact from arrival to release.
struct ContactInfo: Codable {
    /// Current (primary) queue.
    var queue: Int32 = 0
    var originalQueue: Int32 = 0
    var arrival: Int64 = 0
    var sequence: Int64 = 0
    var priority: Int32 = 0
    var callback = false
    var callbackOffered = false
}

/// A waiting contact: its queue memberships and pending deadlines.
struct Waiting: Codable {
    var phase: Int32
    /// Interflow queue, or -1.
    var secondQueue: Int32 = -1
    var secondPhase: Int32 = 0
    /// Ticket in the primary queue's line.
    var ticket: Int64
    /// When it entered its current primary queue.
    var entered: Int64
    /// Next time-triggered overflow rule of the primary queue.
    var nextOverflow: Int32 = 0
    var nextAnnounce = Int64.max
    var nextRecheck = Int64.max
    /// Last announced estimate, or -1.
    var lastAnnounced: Int64 = -1
}

/// A contact with an agent: offered, connected or in wrap-up.
struct Engaged: Codable {
    var agent: Int32
    /// Queue it was assigned from.
    var servedQueue: Int32
    /// Offer deadline or wrap-up end (state time-outs).
    var until: Int64
    /// When it was answered (connected).
    var answered: Int64
    /// Phase (of `servedQueue`) at assignment: its requirement was in force.
    var phase: Int32
    /// Offered contacts keep their line ticket and interflow queue, to go back.
    var ticket: Int64
    var secondQueue: Int32
    var entered: Int64
    var nextOverflow: Int32
}

enum ContactState: Codable {
    case free(next: Int32)
    case waiting(Waiting)
    case offered(Engaged)
    case connected(Engaged)
    case wrapUp(Engaged)
}
