import Stochastics
import Testing

@Suite struct LogGammaTests {
    @Test func matchesKnownValues() {
        // ln 4! and ln √π, from Python's math.lgamma.
        #expect(abs(logGamma(5) - 3.178053830347945) < 1e-14)
        #expect(abs(logGamma(0.5) - 0.5723649429247004) < 1e-14)
        #expect(abs(logGamma(1)) < 1e-15)
    }

    /// At a pole GSL reports a domain error (its aborting handler is off) and
    /// logGamma returns NaN, not GSL's placeholder value 0.
    @Test func poleReturnsNaNInsteadOfAborting() {
        #expect(logGamma(0).isNaN)
        #expect(logGamma(-2).isNaN)
        #expect(logGamma(.nan).isNaN)
        #expect(abs(logGamma(-0.5) - 1.2655121234846454) < 1e-14)
    }
}
