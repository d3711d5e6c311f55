import Stochastics

/// One distribution per queue (or none), ready for the replication's hot
/// path: where a queue's distribution is of a parametric family, it is drawn
/// from its trivial value, so a draw costs no reference counting; others are
/// drawn from the distribution itself. Draws exactly what the distributions
/// draw.
struct QueueSamplers {
    private let parametric: [Distribution.Parametric?]
    private let distributions: [Distribution?]

    init(_ distributions: [Distribution?]) {
        parametric = distributions.map { $0?.parametric }
        self.distributions = distributions
    }

    /// A draw from queue `q`'s distribution using `stream`; nil if it has none.
    @inline(__always) func sample(_ q: Int, _ stream: StreamView) -> Double? {
        if let p = parametric[q] { return p.sample(stream) }
        return distributions[q]?.sample(stream)
    }

    /// `sample`, with the value worked out only when read (see
    /// `Distribution.Parametric.sampleLater`).
    @inline(__always) func sampleLater(_ q: Int, _ stream: StreamView) -> Distribution.Draw? {
        if let p = parametric[q] { return p.sampleLater(stream) }
        return distributions[q].map { Distribution.Draw(value: $0.sample(stream)) }
    }
}
