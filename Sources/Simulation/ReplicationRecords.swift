import RoutingCore
import Stochastics

/// An event of the simulator's calendar. Routing decisions are not events:
/// they are the core's; its own deadlines come from `RoutingCore.nextWakeup`.
enum SimulationEvent {
    /// The next contact of queue `queue` arrives.
    case arrival(queue: Int32)
    /// The agent finishes talking to the contact; wrap-up follows.
    case talkEnd(ContactHandle)
    /// The caller's patience runs out (its deadline is cancelled when it
    /// stops waiting, so it is still waiting).
    case patienceEnd(ContactHandle)
    /// Headcounts change to those of interval `interval`.
    case staffing(interval: Int32)
    /// Shift agents log in or out, from `Replication.shiftChanges[k]` on.
    case shiftChange(Int32)
    /// The caller in IVR slot `slot` leaves the IVR for its queue.
    case ivrEnd(slot: Int32)
}

/// A new contact's random draws, taken at arrival from its queue's streams:
/// what it brings to the queue, now or when it leaves the IVR.
struct Caller {
    /// Arrival number within the replication (see `ContactRecord.sequence`).
    var sequence: Int64
    var queue: Int32
    /// Talk time, seconds, 0 to `ScenarioLimits.longestDuration`.
    var talk: Double
    /// Wrap-up time, as the core takes it: whole microseconds of the capped seconds.
    var wrapUpMicros: Int64
    /// Seconds before abandoning, from entering the queue (worked out and
    /// capped only for callers who wait); nil: never.
    var patience: Distribution.Draw?
    var urgent: Bool
    var tolerance: Double
    var acceptsCallback: Bool
    var answersCallback: Bool
}

/// What the simulator tracks of an agent as it works.
struct AgentTally {
    /// Contacts held.
    var contacts: Int32 = 0
    /// Its group (-1: in none).
    var group: Int32
    /// Since when it has held a contact, seconds (while it holds one).
    var busySince: Double = 0
}

/// What the simulator remembers of a contact in the core, by handle slot.
/// All its random durations are drawn at arrival, from its queue's streams,
/// so that every routing variant sees the same callers (common random numbers).
struct ContactRecord {
    var generation: UInt32 = 0
    /// Arrival number within the replication (0, 1, 2, ...): the contact's
    /// identity in decision logs, since handle slots are reused.
    var sequence: Int64 = 0
    var queue: Int32 = 0
    /// When it entered its queue, microseconds: waits are exact differences
    /// of the calendar's times.
    var arrivalMicros: Int64 = 0
    var talk: Double = 0
    var wrapUpMicros: Int64 = 0
    var answered: Double = 0
    var waiting = false
    /// Reporting interval of the arrival; -1 in the warm-up or after the
    /// end (not counted).
    /// Kept so that later counts need not divide again.
    var interval: Int32 = -1
    /// First of the contact's announcements awaiting its realised wait (-1: none).
    var firstAnnouncement: Int32 = -1
    /// The caller's tolerance of an announced wait (infinite: never balks).
    var tolerance = Double.infinity
    var acceptsCallback = false
    var answersCallback = true
    /// Waiting for a callback (virtual hold): patience no longer applies.
    var onCallback = false

    /// When it entered its queue, seconds.
    @inline(__always) var arrival: Double { Double(arrivalMicros) * 1e-6 }

    /// Whether the contact arrived in a reporting interval and so counts.
    @inline(__always) var counted: Bool { interval >= 0 }
}

/// An announcement whose accuracy is judged once the caller's wait is known:
/// when it was made and what every method estimated then (seconds, NaN for
/// no estimate), linked to the contact's other announcements.
struct PendingAnnouncement {
    var time: Double
    var estimates: (Double, Double, Double, Double)
    var next: Int32

    subscript(method: Int) -> Double {
        switch method {
        case 0: estimates.0
        case 1: estimates.1
        case 2: estimates.2
        default: estimates.3
        }
    }
}

/// A caller who abandoned after announcements, waiting for its potential
/// wait to be resolved by the service start of a later arrival.
struct PendingAbandoner {
    var arrival: Double
    var firstAnnouncement: Int32
}
