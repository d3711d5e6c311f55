@testable import RoutingCore
import Testing

@Suite struct VoicePromptTests {
    @Test(arguments: [
        (0, 60, "less than a minute"), (59_000_000, 60, "less than a minute"),
        (89_000_000, 60, "about 1 minute"), (150_000_000, 180, "about 3 minutes"),
        (569_000_000, 540, "about 9 minutes"), (600_000_000, 600, "about 10 minutes"),
        (1_000_000_000, 900, "about 15 minutes"), (1_200_000_000, 1_200, "about 20 minutes"), (3_000_000_000, 3_000, "about 50 minutes"),
        (3_600_000_000, 3_600, "about 1 hour"), (5_400_000_000, 5_400, "about 1 and a half hours"),
        (7_300_000_000, 7_200, "about 2 hours"),
    ] as [(Int64, Int64, String)])
    func waitsAreRoundedAsAPromptSaysThem(_ micros: Int64, _ seconds: Int64, _ text: String) {
        #expect(VoicePrompt.wait(micros) == VoicePrompt.SpokenWait(seconds: seconds, text: text))
    }

    @Test func rangesAndPlacesInLine() {
        #expect(VoicePrompt.range(low: 100_000_000, high: 290_000_000) == "between 1 and 5 minutes")
        #expect(VoicePrompt.range(low: 10_000_000, high: 100_000_000) == "up to 2 minutes")
        #expect(VoicePrompt.range(low: 0, high: 0) == "less than a minute")
        #expect(VoicePrompt.position(ahead: 0) == "You are next in line.")
        #expect(VoicePrompt.position(ahead: 2) == "You are number 3 in line.")
        #expect(VoicePrompt.wait(.max).seconds == .max)
    }

    @Test func normalQuantileMatchesKnownValues() {
        #expect(abs(WaitQuantile.standardNormalQuantile(0.975) - 1.959963984540054) < 1e-8)
        #expect(abs(WaitQuantile.standardNormalQuantile(0.5)) < 1e-12)
        #expect(abs(WaitQuantile.standardNormalQuantile(0.01) + 2.326347874040841) < 1e-8)
    }

    @Test func gammaQuantileMatchesExactValues() {
        // Erlang(k = 4, rate 1): mean 4, variance 4. Exact 80% quantile 5.5150800 (scipy.stats.gamma.ppf(0.8, 4)).
        #expect(abs(WaitQuantile.gamma(mean: 4, variance: 4, probability: 0.8) - 5.5150800) < 0.01)
        // Exponential(mean 10): exact 80% quantile 10·ln 5 = 16.0944; Wilson–Hilferty is within 1%.
        #expect(abs(WaitQuantile.gamma(mean: 10, variance: 100, probability: 0.8) / 16.0944 - 1) < 0.01)
        #expect(WaitQuantile.gamma(mean: 5, variance: 0, probability: 0.9) == 5)
    }

    @Test func queueLengthVarianceIsTheSumOfStageVariances() {
        // Stages of rates 2, 2.5, 3, ... for ahead = 20 (series path) against the direct sum.
        var direct = 0.0
        for i in 0...20 { direct += 1 / ((2 + 0.5 * Double(i)) * (2 + 0.5 * Double(i))) }
        #expect(abs(queueLengthVariance(ahead: 20, serviceRate: 2, abandonRate: 0.5) / direct - 1) < 1e-10)
        #expect(abs(queueLengthVariance(ahead: 3, serviceRate: 2, abandonRate: 0) - 4.0 / 4) < 1e-15)
    }
}

@Suite struct PercentileAnnouncementTests {
    @Test func aQueueCanAnnounceAPercentileInsteadOfTheMean() {
        var q = queue("q")
        q.expectedHandleSeconds = 60
        q.announcements = AnnouncementSettings(atEntry: true, percentile: 0.8)
        var h = Harness(configuration(queues: [q], agents: [agent("a0")]))
        _ = h.logIn([0], at: 0)
        _ = h.arrive(0, at: 0)
        _ = h.arrive(0, at: 0)
        let (c, r) = h.arrive(0, at: 0)
        // One agent, 60 s handle, one ahead, no abandonment yet: two exponential
        // stages of mean 60 s, i.e. Erlang-2 with mean 120 s, variance 7200 s².
        let e = h.core.waitEstimates(of: c, at: 0)!
        #expect(e.queueLength == seconds(120))
        #expect(e.queueLengthDeviation == Int64((7200.0.squareRoot() * 1e6).rounded()))
        let expected = WaitQuantile.gamma(mean: 120e6, variance: 7200e12, probability: 0.8)
        #expect(r == [.announce(c, position: 1, expectedWait: Int64(expected.rounded()))])
        // The exact Erlang-2 80% quantile is 179.3 s (60 · 2.9943); the approximation is within 1%.
        #expect(abs(expected / 179.3e6 - 1) < 0.01)
    }
}
