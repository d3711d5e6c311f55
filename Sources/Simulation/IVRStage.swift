import Stochastics

/// Self-service in front of a queue (simulation only): every contact first
/// spends its `time` in the IVR; a share `containment` is resolved there and
/// never enters the queue, the others enter it when their IVR time ends. The
/// queue's figures (offered, waits, service level, abandonment) count
/// contacts from that moment, in the interval in which they leave the IVR.
public struct IVRStage: Sendable {
    /// Share of contacts the IVR resolves, in [0, 1].
    public var containment: Double
    /// Time a contact spends in the IVR, seconds.
    public var time: Distribution

    public init(containment: Double, time: Distribution) {
        self.containment = containment
        self.time = time
    }
}
