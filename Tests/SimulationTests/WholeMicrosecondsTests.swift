@testable import Simulation
import Testing

@Suite struct WholeMicrosecondsTests {
    /// Ties (the products below are exact halves in binary) go away from
    /// zero, as `rounded()` does.
    @Test func roundsLikeRoundedHalfAwayFromZero() {
        let cases: [(Double, Int64)] = [
            (0, 0), (2.5e-6, 3), (-2.5e-6, -3), (1.5e-6, 2), (-1.5e-6, -2), (0.4e-6, 0), (-0.4e-6, 0),
            (0.5e-6, 1), (-0.5e-6, -1), (180.0000005, 180_000_001), (-180.0000005, -180_000_001), (0.25, 250_000),
        ]
        for (seconds, expected) in cases {
            #expect(wholeMicroseconds(seconds) == expected, "\(seconds) s")
            #expect(wholeMicroseconds(seconds) == Int64((seconds * 1e6).rounded()), "\(seconds) s")
        }
    }

    /// Random values of every magnitude from microseconds to a century,
    /// from a fixed seed, including exact halves.
    @Test func agreesWithRoundedOnRandomValues() {
        var state: UInt64 = 2026
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Double(Int64(bitPattern: state) >> 11)  // 53 bits, signed
            let seconds = mantissa / Double(1 << Int(state & 63 % 40 + 14))
            #expect(wholeMicroseconds(seconds) == Int64((seconds * 1e6).rounded()), "\(seconds) s")
            let half = (Double(Int64(state >> 40)) + 0.5) * 1e-6
            #expect(wholeMicroseconds(half) == Int64((half * 1e6).rounded()), "\(half) s")
        }
    }
}
