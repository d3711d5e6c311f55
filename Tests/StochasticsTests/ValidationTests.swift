import Stochastics
import Testing

/// Invalid parameters come back as `DistributionError` values, never traps.
@Suite struct ValidationTests {
    private func error(_ make: () throws(DistributionError) -> Distribution) -> DistributionError? {
        do {
            _ = try make()
            return nil
        } catch {
            return error
        }
    }

    @Test func exponential() {
        #expect(error { () throws(DistributionError) in try .exponential(mean: -1) }
            == .notPositive(parameter: "mean", value: -1))
        #expect(error { () throws(DistributionError) in try .exponential(mean: 0) }
            == .notPositive(parameter: "mean", value: 0))
        #expect(error { () throws(DistributionError) in try .exponential(mean: .infinity) }
            == .notPositive(parameter: "mean", value: .infinity))
        guard case .notPositive("mean", let value)? = error({ () throws(DistributionError) in
            try .exponential(mean: .nan)
        }) else {
            Issue.record("NaN mean accepted or misreported")
            return
        }
        #expect(value.isNaN)
    }

    @Test func lognormal() {
        #expect(error { () throws(DistributionError) in try .lognormal(mean: 0, cv: 1) }
            == .notPositive(parameter: "mean", value: 0))
        #expect(error { () throws(DistributionError) in try .lognormal(mean: 1, cv: -0.1) }
            == .negative(parameter: "cv", value: -0.1))
        #expect(error { () throws(DistributionError) in try .lognormal(mean: 1, cv: 0) } == nil)
    }

    @Test func gamma() {
        #expect(error { () throws(DistributionError) in try .gamma(shape: 0, scale: 1) }
            == .notPositive(parameter: "shape", value: 0))
        #expect(error { () throws(DistributionError) in try .gamma(shape: 1, scale: -3) }
            == .notPositive(parameter: "scale", value: -3))
        #expect(error { () throws(DistributionError) in try .gamma(mean: -2, cv: 1) }
            == .notPositive(parameter: "mean", value: -2))
        #expect(error { () throws(DistributionError) in try .gamma(mean: 2, cv: 0) }
            == .notPositive(parameter: "cv", value: 0))
    }

    @Test func gammaFromMeanAndCVIsShapeOverCVSquared() throws {
        #expect(try Distribution.gamma(mean: 4, cv: 0.5) == .gamma(shape: 4, scale: 1))
    }

    @Test func weibull() {
        #expect(error { () throws(DistributionError) in try .weibull(shape: -1, scale: 1) }
            == .notPositive(parameter: "shape", value: -1))
        #expect(error { () throws(DistributionError) in try .weibull(shape: 1, scale: 0) }
            == .notPositive(parameter: "scale", value: 0))
    }

    @Test func erlang() {
        #expect(error { () throws(DistributionError) in try .erlang(k: 0, mean: 1) }
            == .notPositive(parameter: "k", value: 0))
        #expect(error { () throws(DistributionError) in try .erlang(k: 2, mean: -1) }
            == .notPositive(parameter: "mean", value: -1))
    }

    @Test func uniform() {
        #expect(error { () throws(DistributionError) in try .uniform(low: 3, high: 1) }
            == .invertedRange(low: 3, high: 1))
        #expect(error { () throws(DistributionError) in try .uniform(low: -.infinity, high: 1) }
            == .notFinite(parameter: "low", value: -.infinity))
        #expect(error { () throws(DistributionError) in try .uniform(low: 0, high: .infinity) }
            == .notFinite(parameter: "high", value: .infinity))
        #expect(error { () throws(DistributionError) in try .uniform(low: -1e308, high: 1e308) }
            == .notFinite(parameter: "high - low", value: .infinity))
        #expect(error { () throws(DistributionError) in try .uniform(low: 2, high: 2) } == nil)
    }

    @Test func constant() {
        #expect(error { () throws(DistributionError) in try .constant(.infinity) }
            == .notFinite(parameter: "value", value: .infinity))
    }

    @Test func empirical() {
        #expect(error { () throws(DistributionError) in try .empirical([]) } == .empty(parameter: "values"))
        #expect(error { () throws(DistributionError) in try .empirical([1, -.infinity, 3]) }
            == .notFinite(parameter: "values", value: -.infinity))
    }

    @Test func mixture() throws {
        let component = try Distribution.exponential(mean: 1)
        #expect(error { () throws(DistributionError) in try .mixture([]) } == .empty(parameter: "components"))
        #expect(error { () throws(DistributionError) in try .mixture([(1, component), (0, component)]) }
            == .notPositive(parameter: "weight", value: 0))
        #expect(error { () throws(DistributionError) in try .mixture([(-1, component)]) }
            == .notPositive(parameter: "weight", value: -1))
    }

    @Test func errorsDescribeTheProblem() {
        #expect(DistributionError.notPositive(parameter: "mean", value: -1).description
            == "mean must be finite and > 0, got -1.0")
        #expect(DistributionError.invertedRange(low: 3, high: 1).description
            == "uniform range needs low <= high, got low 3.0, high 1.0")
        #expect(DistributionError.empty(parameter: "values").description == "values must not be empty")
    }
}
