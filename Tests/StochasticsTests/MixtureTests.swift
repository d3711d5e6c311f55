import Stochastics
import Testing

@Suite struct MixtureTests {
    /// Law of total variance: Var X = Σ pᵢ(σᵢ² + μᵢ²) − (Σ pᵢμᵢ)².
    @Test func meanAndVarianceFollowTheLawOfTotalVariance() throws {
        // p = (0.25, 0.75); component moments (1, 1) and (10, 0):
        // mean 0.25 + 7.5 = 7.75, E[X²] = 0.25·2 + 0.75·100 = 75.5,
        // variance 75.5 − 60.0625 = 15.4375.
        let mixture = try Distribution.mixture([(1, .exponential(mean: 1)), (3, .constant(10))])
        #expect(abs(mixture.mean - 7.75) < 1e-12)
        #expect(abs(mixture.variance - 15.4375) < 1e-12)
    }

    /// Components are chosen with probability weight / Σ weights.
    @Test func componentsAreChosenByWeight() throws {
        let mixture = try Distribution.mixture([(1, .constant(0)), (2, .constant(1)), (7, .constant(2))])
        let stream = RandomStream(masterSeed: 11, replication: 0, key: StreamKey(.routing))
        let n = 500_000
        var counts = [0, 0, 0]
        for _ in 0..<n { counts[Int(mixture.sample(stream))] += 1 }
        for (count, p) in zip(counts, [0.1, 0.2, 0.7]) {
            let frequency = Double(count) / Double(n)
            #expect(abs(frequency - p) < 5 * (p * (1 - p) / Double(n)).squareRoot())
        }
    }

    @Test func weightsNeedNotBeNormalised() throws {
        let a = try Distribution.exponential(mean: 1), b = try Distribution.constant(2)
        let c = try Distribution.uniform(low: 0, high: 1)
        #expect(try Distribution.mixture([(2, a), (4, b), (14, c)]) == .mixture([(1, a), (2, b), (7, c)]))
    }

    @Test func nestedMixturesCompose() throws {
        let inner = try Distribution.mixture([(1, .constant(0)), (1, .constant(4))])
        let outer = try Distribution.mixture([(1, inner), (1, .constant(8))])
        // Equivalent to constants 0, 4, 8 with probabilities 1/4, 1/4, 1/2.
        #expect(abs(outer.mean - 5) < 1e-12)
        #expect(abs(outer.variance - (0.25 * 0 + 0.25 * 16 + 0.5 * 64 - 25)) < 1e-12)
        let stream = RandomStream(masterSeed: 11, replication: 0, key: StreamKey(.tolerance))
        let draws = Set((0..<1000).map { _ in outer.sample(stream) })
        #expect(draws == [0, 4, 8])
    }
}
