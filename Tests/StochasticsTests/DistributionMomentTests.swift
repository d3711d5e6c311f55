import Stochastics
import Testing

/// Sampled mean and variance of every family against its analytic formula,
/// with the standard-error tolerances documented on ``SampleMoments``.
@Suite struct DistributionMomentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let distribution: Distribution
        /// The mean and variance computed by hand from the family's formula,
        /// independently of `Distribution.mean` / `.variance`.
        let mean: Double
        let variance: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        // Weibull moments: λΓ(1 + 1/k) and λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²);
        // Γ values from Python's math.gamma:
        // Γ(5/3), Γ(7/3), Γ(1 + 1/0.7) = Γ(17/7), Γ(1 + 2/0.7) = Γ(27/7).
        let g53 = 0.9027452929509336, g73 = 1.190639348758999
        let g177 = 1.2658235060572833, g277 = 5.0291447021403055
        return [
            Case(name: "exponential(mean 3)", distribution: try! .exponential(mean: 3), mean: 3, variance: 9),
            Case(name: "lognormal(mean 2, cv 0.5)", distribution: try! .lognormal(mean: 2, cv: 0.5),
                 mean: 2, variance: 1),
            Case(name: "lognormal(mean 120, cv 0.8)", distribution: try! .lognormal(mean: 120, cv: 0.8),
                 mean: 120, variance: 9216),
            Case(name: "gamma(shape 2.5, scale 1.2)", distribution: try! .gamma(shape: 2.5, scale: 1.2),
                 mean: 3, variance: 3.6),
            Case(name: "gamma(shape 0.5, scale 2)", distribution: try! .gamma(shape: 0.5, scale: 2),
                 mean: 1, variance: 2),
            Case(name: "gamma(mean 4, cv 0.5)", distribution: try! .gamma(mean: 4, cv: 0.5),
                 mean: 4, variance: 4),
            Case(name: "weibull(shape 1.5, scale 2)", distribution: try! .weibull(shape: 1.5, scale: 2),
                 mean: 2 * g53, variance: 4 * (g73 - g53 * g53)),
            Case(name: "weibull(shape 0.7, scale 1)", distribution: try! .weibull(shape: 0.7, scale: 1),
                 mean: g177, variance: g277 - g177 * g177),
            Case(name: "erlang(k 1, mean 2)", distribution: try! .erlang(k: 1, mean: 2), mean: 2, variance: 4),
            Case(name: "erlang(k 3, mean 6)", distribution: try! .erlang(k: 3, mean: 6), mean: 6, variance: 12),
            Case(name: "erlang(k 40, mean 1)", distribution: try! .erlang(k: 40, mean: 1),
                 mean: 1, variance: 1.0 / 40),
            Case(name: "uniform(-1, 3)", distribution: try! .uniform(low: -1, high: 3),
                 mean: 1, variance: 16.0 / 12),
            Case(name: "empirical(1, 2, 2, 5, 9.5)", distribution: try! .empirical([1, 2, 2, 5, 9.5]),
                 mean: 3.9, variance: 9.64),
            // p = (0.25, 0.75): mean 0.25·1 + 0.75·10 = 7.75;
            // E[X²] = 0.25·2 + 0.75·(100 + 4) = 78.5; variance 78.5 − 7.75² = 18.4375.
            Case(name: "mixture(1×exp(1), 3×uniform(8, 12))",
                 distribution: try! .mixture([
                     (1, .exponential(mean: 1)), (3, .uniform(low: 10 - 12.0.squareRoot(), high: 10 + 12.0.squareRoot())),
                 ]),
                 mean: 7.75, variance: 18.4375),
        ]
    }()

    @Test(arguments: cases)
    func analyticMomentsMatchTheFormula(_ c: Case) {
        #expect(abs(c.distribution.mean - c.mean) <= 1e-12 * abs(c.mean))
        #expect(abs(c.distribution.variance - c.variance) <= 1e-12 * c.variance)
    }

    @Test(arguments: cases)
    func sampleMomentsMatchTheFormula(_ c: Case) {
        let stream = RandomStream(masterSeed: 20_261_123, replication: 0, key: StreamKey(name: c.name))
        let moments = SampleMoments(c.distribution, draws: 400_000, stream: stream)
        #expect(moments.meanMatches(c.mean, variance: c.variance),
                "sample mean \(moments.mean), tolerance \(moments.meanTolerance(populationVariance: c.variance))")
        #expect(moments.varianceMatches(c.variance),
                "sample variance \(moments.variance), tolerance \(moments.varianceTolerance)")
    }

    /// The trivial form of a parametric family draws the same values from
    /// the same stream; empirical samples and mixtures have none.
    @Test(arguments: cases)
    func parametricFormDrawsWhatTheDistributionDraws(_ c: Case) {
        guard let parametric = c.distribution.parametric else {
            #expect(c.name.hasPrefix("empirical") || c.name.hasPrefix("mixture"))
            return
        }
        #expect(!(c.name.hasPrefix("empirical") || c.name.hasPrefix("mixture")))
        let stream = RandomStream(masterSeed: 7, replication: 0, key: StreamKey(name: c.name))
        let twin = RandomStream(masterSeed: 7, replication: 0, key: StreamKey(name: c.name))
        for _ in 0..<1000 { #expect(parametric.sample(stream.view) == c.distribution.sample(twin.view)) }
    }

    /// A deferred draw takes the same random numbers when drawn and is
    /// worth the same value when read, bit for bit: interleaving the two
    /// kinds of draw on one stream and plain draws on its twin keeps them in
    /// step. Its value is then read late, after later draws.
    @Test(arguments: cases)
    func deferredDrawIsTheSameDraw(_ c: Case) {
        guard let parametric = c.distribution.parametric else { return }
        let stream = RandomStream(masterSeed: 11, replication: 0, key: StreamKey(name: c.name))
        let twin = RandomStream(masterSeed: 11, replication: 0, key: StreamKey(name: c.name))
        var pending: [Distribution.Draw] = [], expected: [Double] = []
        for i in 0..<1000 {
            if i % 3 == 0 {
                #expect(parametric.sample(stream.view).bitPattern == parametric.sample(twin.view).bitPattern)
            } else {
                pending.append(parametric.sampleLater(stream.view))
                expected.append(parametric.sample(twin.view))
            }
        }
        #expect(pending.map(\.value.bitPattern) == expected.map(\.bitPattern))
        #expect(stream.uniform() == twin.uniform())
    }

    @Test func constantIsExactAndConsumesNoRandomness() throws {
        let constant = try Distribution.constant(42.5)
        let stream = RandomStream(masterSeed: 1, replication: 0, key: StreamKey(.ivr))
        let twin = RandomStream(masterSeed: 1, replication: 0, key: StreamKey(.ivr))
        #expect((0..<100).allSatisfy { _ in constant.sample(stream) == 42.5 })
        #expect(stream.uniform() == twin.uniform())
        #expect(constant.mean == 42.5 && constant.variance == 0)
    }

    @Test func lognormalWithZeroCVIsItsMean() throws {
        let degenerate = try Distribution.lognormal(mean: 180, cv: 0)
        let stream = RandomStream(masterSeed: 1, replication: 0, key: StreamKey(.wrapUp))
        for _ in 0..<100 { #expect(abs(degenerate.sample(stream) - 180) < 1e-9) }
        #expect(degenerate.variance == 0)
    }

    /// The checks have power: samples whose true mean is 2 % off, or whose
    /// true variance is 5 % off, are rejected.
    @Test func checksRejectAWrongDistribution() throws {
        let stream = RandomStream(masterSeed: 5, replication: 0, key: StreamKey(.arrivals))
        let exponential = SampleMoments(try .exponential(mean: 3.06), draws: 400_000, stream: stream)
        #expect(!exponential.meanMatches(3, variance: 9))
        let gamma = SampleMoments(try .gamma(shape: 2.5 * 1.05, scale: 1.2), draws: 400_000, stream: stream)
        #expect(!gamma.varianceMatches(3.6))
    }
}
