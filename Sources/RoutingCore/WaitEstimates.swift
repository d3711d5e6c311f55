/// Every estimator's expected remaining wait for one contact at one
/// instant ("shadow estimates"), in microseconds; `Int64.max` when an
/// estimator has nothing to go on (no qualified agent, no history).
public struct WaitEstimates: Sendable, Equatable {
    /// Contacts ahead in the contact's current queue, in order of entry into
    /// that queue (0: next). Priority jumps and a moved contact's older
    /// arrival are not reflected; the routing order itself is.
    public var position: Int
    public var queueLength: Int64
    /// Standard deviation of the wait under the queue-length method's model
    /// (a sum of exponential stages; with expansion steps, several agent
    /// classes or wrap-up ends, that of the classical model scaled to the
    /// mean), microseconds; `Int64.max` without an estimate.
    public var queueLengthDeviation: Int64
    public var headOfLine: Int64
    public var lastToEnterService: Int64
    public var smoothedHoldTime: Int64

    /// The estimate of one method.
    public subscript(method: WaitEstimator) -> Int64 {
        switch method {
        case .queueLength: queueLength
        case .headOfLine: headOfLine
        case .lastToEnterService: lastToEnterService
        case .smoothedHoldTime: smoothedHoldTime
        }
    }
}

/// Natural logarithm from the standard library alone (the core imports no
/// platform module): x = m 2^e with m in [1, 2), ln m by the atanh series.
func naturalLog(_ x: Double) -> Double {
    precondition(x > 0, "log of a non-positive number")
    let e = Double(x.exponent)
    let m = x.significand
    let t = (m - 1) / (m + 1)
    let t2 = t * t
    var term = t
    var sum = 0.0
    var k = 1.0
    while true {
        let next = sum + term / k
        if next == sum { break }
        sum = next
        term *= t2
        k += 2
    }
    return 2 * sum + e * 0.693_147_180_559_945_309_4
}

/// The digamma function for x > 0 (recurrence to x >= 6, then the
/// asymptotic series); absolute error below 1e-12.
func digamma(_ x: Double) -> Double {
    var x = x
    var r = 0.0
    while x < 6 {
        r -= 1 / x
        x += 1
    }
    let f = 1 / (x * x)
    let series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
    return r + naturalLog(x) - 0.5 / x - series
}

/// Ibrahim & Whitt's queue-length estimator with abandonment, in seconds:
/// sum over i = 0...ahead of 1 / (rate + i theta), where rate = s mu.
/// O(1) through the digamma function for long lines.
func queueLengthWait(ahead: Int, serviceRate: Double, abandonRate theta: Double) -> Double {
    guard serviceRate > 0 else { return .infinity }
    if theta <= 0 { return Double(ahead + 1) / serviceRate }
    if ahead < 16 {
        var sum = 0.0
        for i in 0...ahead { sum += 1 / (serviceRate + Double(i) * theta) }
        return sum
    }
    let x = serviceRate / theta
    return (digamma(x + Double(ahead) + 1) - digamma(x)) / theta
}

/// The trigamma function for x > 0 (recurrence to x >= 10, then the
/// asymptotic series); absolute error below 1e-12.
func trigamma(_ x: Double) -> Double {
    var x = x
    var r = 0.0
    while x < 10 {
        r += 1 / (x * x)
        x += 1
    }
    let f = 1 / (x * x)
    return r + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)))
}

/// The variance of the queue-length model's wait, seconds²: the stages are
/// independent exponentials of rates rate + i theta, i = 0...ahead.
func queueLengthVariance(ahead: Int, serviceRate: Double, abandonRate theta: Double) -> Double {
    guard serviceRate > 0 else { return .infinity }
    if theta <= 0 { return Double(ahead + 1) / (serviceRate * serviceRate) }
    if ahead < 16 {
        var sum = 0.0
        for i in 0...ahead {
            let rate = serviceRate + Double(i) * theta
            sum += 1 / (rate * rate)
        }
        return sum
    }
    let x = serviceRate / theta
    return (trigamma(x) - trigamma(x + Double(ahead) + 1)) / (theta * theta)
}
