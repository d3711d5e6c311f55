import Stochastics
import Testing

@Suite struct RandomStreamTests {
    private func uniforms(_ stream: RandomStream, _ n: Int) -> [Double] {
        (0..<n).map { _ in stream.uniform() }
    }

    private func stream(
        master: UInt64 = 7, replication: Int = 0, _ key: StreamKey = StreamKey(.arrivals),
        generator: RandomStream.Generator = .taus2
    ) -> RandomStream {
        RandomStream(masterSeed: master, replication: replication, key: key, generator: generator)
    }

    @Test func sameTripleGivesIdenticalSequence() {
        let a = stream(replication: 3, StreamKey(.patience, index: 2))
        let b = stream(replication: 3, StreamKey(.patience, index: 2))
        #expect(uniforms(a, 1000) == uniforms(b, 1000))
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func differentReplicationKeyOrMasterGivesDifferentSequence() {
        let reference = uniforms(stream(), 100)
        #expect(uniforms(stream(replication: 1), 100) != reference)
        #expect(uniforms(stream(StreamKey(.arrivals, index: 1)), 100) != reference)
        #expect(uniforms(stream(StreamKey(.handleTime)), 100) != reference)
        #expect(uniforms(stream(StreamKey(name: "arrivals")), 100) != reference)
        #expect(uniforms(stream(master: 8), 100) != reference)
    }

    @Test(arguments: RandomStream.Generator.allCases)
    func everyGeneratorIsDeterministicAndInTheOpenUnitInterval(_ generator: RandomStream.Generator) {
        let draws = uniforms(stream(generator: generator), 100_000)
        #expect(draws == uniforms(stream(generator: generator), 100_000))
        #expect(draws.allSatisfy { $0 > 0 && $0 < 1 })
        let moments = SampleMoments(draws)
        #expect(moments.meanMatches(0.5, variance: 1.0 / 12))
        #expect(moments.varianceMatches(1.0 / 12))
    }

    @Test func generatorsGiveDifferentSequences() {
        let sequences = RandomStream.Generator.allCases.map { uniforms(stream(generator: $0), 20) }
        #expect(Set(sequences.map { $0.description }).count == sequences.count)
    }

    @Test func uniformHasUniformMoments() {
        let moments = SampleMoments(uniforms(stream(), 1_000_000))
        #expect(moments.meanMatches(0.5, variance: 1.0 / 12))
        #expect(moments.varianceMatches(1.0 / 12))
    }

    @Test func addingAStreamLeavesOtherStreamsUnchanged() {
        // World A: only queue 1 draws handle times.
        let queue1Alone = stream(StreamKey(.handleTime, index: 1))
        let handleTime = try! Distribution.lognormal(mean: 300, cv: 1.2)
        let alone = (0..<1000).map { _ in handleTime.sample(queue1Alone) }
        // World B: queue 2 is added and draws in between.
        let queue1 = stream(StreamKey(.handleTime, index: 1))
        let queue2 = stream(StreamKey(.handleTime, index: 2))
        var interleaved: [Double] = []
        for _ in 0..<1000 {
            _ = handleTime.sample(queue2)
            interleaved.append(handleTime.sample(queue1))
            _ = queue2.next()
        }
        #expect(interleaved == alone)
    }

    /// Pearson correlation of paired uniforms from two streams; for
    /// independent streams it is ≈ Normal(0, 1/n), so |r| < 5/√n.
    @Test(arguments: [
        (StreamKey(.arrivals, index: 1), 0, StreamKey(.arrivals, index: 2), 0),
        (StreamKey(.arrivals), 0, StreamKey(.handleTime), 0),
        (StreamKey(.arrivals), 0, StreamKey(.arrivals), 1),
    ])
    func streamsAreUncorrelated(_ keyA: StreamKey, _ repA: Int, _ keyB: StreamKey, _ repB: Int) {
        let n = 200_000
        let a = uniforms(stream(replication: repA, keyA), n)
        let b = uniforms(stream(replication: repB, keyB), n)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in 0..<n {
            let x = a[i] - 0.5, y = b[i] - 0.5
            sab += x * y
            saa += x * x
            sbb += y * y
        }
        let r = sab / (saa * sbb).squareRoot()
        #expect(abs(r) < 5 / Double(n).squareRoot())
    }

    /// Each of the 64 bits of `next()` is set half the time (within five
    /// standard errors), so both GSL words reach the result.
    @Test func nextFillsAll64Bits() {
        var generator = stream()
        let n = 100_000
        var ones = [Int](repeating: 0, count: 64)
        for _ in 0..<n {
            let word = generator.next()
            for bit in 0..<64 where word >> UInt64(bit) & 1 == 1 { ones[bit] += 1 }
        }
        let tolerance = 5 * (Double(n) / 4).squareRoot()
        for bit in 0..<64 {
            #expect(abs(Double(ones[bit]) - Double(n) / 2) < tolerance, "bit \(bit)")
        }
        let picks = (0..<10).map { _ in Int.random(in: 0..<1_000_000, using: &generator) }
        #expect(Set(picks).count > 1)
    }

    @Test(arguments: [
        try! Distribution.exponential(mean: 2), try! .lognormal(mean: 2, cv: 0.5),
        try! .gamma(shape: 0.7, scale: 1), try! .weibull(shape: 2, scale: 1),
        try! .erlang(k: 3, mean: 1), try! .empirical([1, 2, 3]),
        try! .mixture([(1, .exponential(mean: 1)), (1, .gamma(shape: 3, scale: 1))]),
    ])
    func variatesAreReproducible(_ distribution: Distribution) {
        let a = stream(StreamKey(.volume))
        let b = stream(StreamKey(.volume))
        let drawsA = (0..<1000).map { _ in distribution.sample(a) }
        let drawsB = (0..<1000).map { _ in distribution.sample(b) }
        #expect(drawsA == drawsB)
        #expect(Set(drawsA).count > 1)
    }

    @Test func viewDrawsTheStreamsOwnSequenceAndAdvancesIt() throws {
        let a = stream(replication: 2, StreamKey(.handleTime, index: 1))
        let b = stream(replication: 2, StreamKey(.handleTime, index: 1))
        let lognormal = try Distribution.lognormal(mean: 180, cv: 1.2)
        let view = a.view
        // Interleaving view and stream draws gives the stream's one sequence.
        let mixed = (0..<500).flatMap { _ in [view.uniform(), a.uniform(), lognormal.sample(view), lognormal.sample(a)] }
        let plain = (0..<500).flatMap { _ in [b.uniform(), b.uniform(), lognormal.sample(b), lognormal.sample(b)] }
        #expect(mixed == plain)
    }
}
