/// Contacts an agent may hold per channel index: a trivial value, read in
/// the hot path without reference counting.
struct ChannelSlots {
    var voice: Int32, chat: Int32, email: Int32, callback: Int32

    @inline(__always) subscript(channel: Int) -> Int32 {
        switch channel {
        case 0: voice
        case 1: chat
        case 2: email
        default: callback
        }
    }
}

/// An agent's state as the shells and statistics see it.
public enum AgentStatus: Int, Sendable, CaseIterable, Codable {
    case loggedOut
    /// Logged in, ready, holding no contact.
    case available
    /// An offer is pending.
    case reserved
    /// Connected to at least one contact.
    case busy
    /// Only after-contact work in progress.
    case wrapUp
    /// Holding nothing and not ready (with a reason code).
    case notReady
}

/// A logged-in agent's working state.
struct LoggedIn {
    /// Not-ready reason; nil when ready.
    var notReadyReason: Int32?
    var logOutWhenDone = false
    /// Contacts held per channel index.
    var load: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
    /// Contacts held on exclusive channels.
    var exclusiveLoad: Int32 = 0
    var offered: Int32 = 0
    var connected: Int32 = 0
    var wrapping: Int32 = 0

    /// Contacts held (each load is at most its channel's capacity: no overflow).
    @inline(__always) var total: Int32 { load.0 &+ load.1 &+ load.2 &+ load.3 }

    @inline(__always) func load(_ channel: Int) -> Int32 {
        switch channel {
        case 0: load.0
        case 1: load.1
        case 2: load.2
        default: load.3
        }
    }

    @inline(__always) mutating func add(_ channel: Int, _ delta: Int32, exclusive: Bool) {
        switch channel {
        case 0: load.0 += delta
        case 1: load.1 += delta
        case 2: load.2 += delta
        default: load.3 += delta
        }
        if exclusive { exclusiveLoad += delta }
    }

    /// Whether a contact of `channel` fits (capacity and mixing rules), ignoring readiness.
    @inline(__always) func fits(_ channel: Int, exclusive: Bool, capacity: Int32) -> Bool {
        if exclusiveLoad > 0 { return false }
        if exclusive && total > 0 { return false }
        return load(channel) < capacity
    }

    /// Whether the agent takes new contacts at all.
    @inline(__always) var takesWork: Bool { notReadyReason == nil && !logOutWhenDone }
}

/// An agent's dynamic record: flat fields, changed in place on the hot path.
struct AgentRecord {
    var loggedIn = false
    /// The working state while logged in (reset at each log-in).
    var work = LoggedIn()
    /// Since when the agent has been idle (login, ready, or last release to no load).
    var idleSince: Int64 = 0
    /// Assignment sequence number of the agent's last assignment (-1: never).
    var lastAssigned: Int64 = -1
    /// Busy microseconds in the current and previous occupancy window.
    var busyCurrent: Int64 = 0
    var busyPrevious: Int64 = 0
    /// Cached derived status, for the O(1) counters.
    var status: AgentStatus = .loggedOut
    /// Cached: logged in and ready (counts as staffed for estimates).
    var staffed = false
}

/// Agents per status: a fixed-size value, updated in place without the
/// copy-on-write check an array would need.
struct StatusCounts: Equatable {
    private var counts = InlineArray<6, Int>(repeating: 0)

    /// Unchecked: a status's raw value is one of its six cases' 0...5.
    @inline(__always) subscript(status: AgentStatus) -> Int {
        get { counts[unchecked: status.rawValue] }
        set { counts[unchecked: status.rawValue] = newValue }
    }

    static func == (l: StatusCounts, r: StatusCounts) -> Bool {
        AgentStatus.allCases.allSatisfy { l[$0] == r[$0] }
    }
}
