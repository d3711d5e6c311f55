/// A source of randomness in the simulated call centre. Together with an index
/// (usually the queue or agent-group index) it names one independent random
/// stream; see ``StreamKey``.
///
/// The raw values are part of the seeding scheme: they are hashed to derive
/// seeds, so they are spelled out and must never change (renaming a case is
/// fine; changing its raw value changes every draw of that source).
public enum SourceKind: String, Sendable, Hashable, CaseIterable {
    /// Inter-arrival times of calls.
    case arrivals = "arrivals"
    /// Talk (handle) times.
    case handleTime = "handleTime"
    /// After-call work.
    case wrapUp = "wrapUp"
    /// Caller patience before abandoning.
    case patience = "patience"
    /// Random choices of routing policies.
    case routing = "routing"
    /// Tolerance / retrial decisions of callers.
    case tolerance = "tolerance"
    /// Callback requests and their timing.
    case callback = "callback"
    /// Time spent in the IVR and IVR outcomes.
    case ivr = "ivr"
    /// Random daily volume (arrival-rate) multipliers.
    case volume = "volume"
    /// Scheduled agents absent for the day (an agent group's shrinkage).
    case absence = "absence"
}
