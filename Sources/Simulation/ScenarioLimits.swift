import RoutingCore

/// The largest values a scenario may give: far beyond any call centre, and
/// small enough that a run's clock (`Int64` microseconds), memory and event
/// count stay bounded. The loader and the command line reject larger values
/// with an error; sampled durations are capped at `longestDuration`.
public enum ScenarioLimits {
    /// Any duration, and any distribution's mean: 10^9 s (about 31.7 years).
    public static let longestDuration = 1e9
    /// Agents in one group (per interval or shift), and in all groups together.
    public static let mostAgents = 100_000
    /// Contacts one agent may hold at once on one channel (the core's limit).
    public static let mostCapacity = ChannelCapacity.mostPerChannel
    /// Characters (Unicode code points, as JSON Schema counts them) of a
    /// scenario's name, which names its results folder: at most 4 bytes
    /// each, within the 255 bytes of a file name.
    public static let longestName = 60
    public static let mostReplications = 100_000
    /// Reporting intervals in one run (`duration / interval`).
    public static let mostIntervals = 100_000
    /// Arrival rate of one queue, contacts per hour (surges included).
    public static let highestRatePerHour = 1e7
    /// The shortest period of repeated announcements and re-evaluations of a
    /// waiting contact, seconds: each announcement is kept until the wait it
    /// announced is known, so their number per contact must stay bounded.
    public static let shortestRepeat = 1.0
    /// The clock's resolution, seconds: a positive duration shorter than
    /// this would round to none.
    public static let clockResolution = 1e-6

    /// `seconds` drawn from a distribution, as the simulator uses it: not
    /// negative and at most `longestDuration`.
    @inline(__always) public static func capped(_ seconds: Double) -> Double {
        Swift.min(Swift.max(0, seconds), longestDuration)
    }
}
