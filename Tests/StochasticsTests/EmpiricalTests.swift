import Stochastics
import Testing

@Suite struct EmpiricalTests {
    /// Resampling returns only listed values, each with frequency
    /// (multiplicity / count) within five binomial standard errors.
    @Test func returnsOnlyListedValuesWithTheirFrequencies() throws {
        let empirical = try Distribution.empirical([1, 2, 2, 5, 9.5])
        let expected: [Double: Double] = [1: 0.2, 2: 0.4, 5: 0.2, 9.5: 0.2]
        let stream = RandomStream(masterSeed: 3, replication: 0, key: StreamKey(.handleTime))
        let n = 500_000
        var counts: [Double: Int] = [:]
        for _ in 0..<n { counts[empirical.sample(stream), default: 0] += 1 }
        #expect(Set(counts.keys) == Set(expected.keys))
        for (value, p) in expected {
            let frequency = Double(counts[value, default: 0]) / Double(n)
            #expect(abs(frequency - p) < 5 * (p * (1 - p) / Double(n)).squareRoot(), "value \(value)")
        }
    }

    /// Every entry is reachable, the first and the last included.
    @Test func everyEntryIsReachable() throws {
        let values = (0..<1000).map(Double.init)
        let empirical = try Distribution.empirical(values)
        let stream = RandomStream(masterSeed: 3, replication: 0, key: StreamKey(.patience))
        var seen = Set<Double>()
        // 200 expected hits per entry; P(some entry missed) < 1000·e⁻²⁰⁰.
        for _ in 0..<200_000 { seen.insert(empirical.sample(stream)) }
        #expect(seen == Set(values))
    }

    @Test func singleValueAlwaysReturnsIt() throws {
        let empirical = try Distribution.empirical([7.25])
        let stream = RandomStream(masterSeed: 3, replication: 0, key: StreamKey(.callback))
        #expect((0..<1000).allSatisfy { _ in empirical.sample(stream) == 7.25 })
        #expect(empirical.mean == 7.25 && empirical.variance == 0)
    }

    /// Mean and variance are the list's population moments (divisor n).
    @Test func momentsArePopulationMomentsOfTheList() throws {
        let empirical = try Distribution.empirical([1, 2, 2, 5, 9.5])
        #expect(abs(empirical.mean - 3.9) < 1e-12)
        #expect(abs(empirical.variance - 48.2 / 5) < 1e-12)
    }
}
