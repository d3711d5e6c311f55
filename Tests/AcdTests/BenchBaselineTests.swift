import Foundation
import Testing

/// `acd bench baseline`: the bare M/M/n+M loop the simulator is timed
/// against must simulate the same model, so its figures agree with Erlang A;
/// scenarios of another shape are refused with the file named.
@Suite struct BenchBaselineTests {
    static let mmn = StaffCommandTests.root.appendingPathComponent("Scenarios/mmn-plus-m.yaml").path

    @Test func bareLoopAgreesWithErlangA() throws {
        let json = try CLI.json(["bench", "baseline", Self.mmn, "--rounds", "1", "--replications", "10"])
        let bare = try #require(json["bare"] as? [String: [String: Double]])
        let erlang = try #require(json["erlang_a"] as? [String: Double])
        for figure in ["service_level", "abandon_rate", "asa"] {
            let e = try #require(bare[figure]), exact = try #require(erlang[figure])
            // Erlang A's value inside the replications' 99% confidence interval.
            #expect(e["ci_low"]! <= exact && exact <= e["ci_high"]!, "\(figure): \(e) against \(exact)")
        }
        // 6,000 calls an hour for 9 hours, 10 replications: all arrivals.
        let calls = try #require(json["simulated_calls"] as? Int)
        #expect(abs(Double(calls) - 540_000) < 5 * 540_000.0.squareRoot())
        let ratios = try #require(json["ratios"] as? [Double])
        #expect(ratios.count == 1 && ratios[0] > 0)
    }

    @Test func otherScenariosAreRefused() throws {
        let result = try CLI.run(["bench", "baseline", StaffCommandTests.hotline, "--rounds", "1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("utility-hotline.yaml") && result.stderr.contains("M/M/n+M"))
    }
}
