import Foundation
import Staffing
import Testing

/// `acd erlang` as a user runs it: figures, solves, JSON keys and errors.
@Suite struct ErlangCommandTests {
    static let base = ["erlang", "--arrival-rate", "6000", "--aht", "180"]

    @Test func figuresInJSONHaveExactlyTheDocumentedKeysAndTheAnalyticValues() throws {
        let o = try CLI.json(Self.base + ["--model", "a", "--patience", "120", "--agents", "310", "--format", "json"])
        #expect(Set(o.keys) == ["model", "offered_load", "agents", "p_wait", "service_level",
                                "service_level_answered", "asa", "p_abandon", "occupancy"])
        let exact = queueFigures(QueueParameters(arrivalRatePerSecond: 6000.0 / 3600, ahtSeconds: 180,
                                                 model: .a(patienceSeconds: 120), targetSeconds: 20), agents: 310)
        #expect(o["model"] as? String == "a")
        #expect(o["agents"] as? Int == 310)
        #expect(o["offered_load"] as? Double == 300)
        #expect(o["p_abandon"] as? Double == exact.pAbandon)
        #expect(o["service_level"] as? Double == exact.serviceLevel)
        #expect(o["asa"] as? Double == exact.asa)
        // Independent check (high-precision birth–death computation): P(Ab) = 0.0118247111572306.
        #expect(abs((o["p_abandon"] as! Double) - 0.0118247111572306) < 1e-12)
    }

    @Test func erlangCOmitsAbandonment() throws {
        let o = try CLI.json(Self.base + ["--agents", "310", "--format", "json"])
        #expect(o["model"] as? String == "c")
        #expect(o["p_abandon"] == nil)
        #expect(o["p_wait"] != nil)
    }

    @Test func solveReturnsTheFewestAgentsMeetingTheTargetAndScheduledAfterShrinkage() throws {
        let o = try CLI.json(Self.base + ["--service-level", "0.8", "--shrinkage", "0.3", "--format", "json"])
        let required = try #require(o["required_agents"] as? Int)
        #expect(o["scheduled_agents"] as? Int == Int((Double(required) / 0.7).rounded(.up)))
        let p = QueueParameters(arrivalRatePerSecond: 6000.0 / 3600, ahtSeconds: 180, model: .c, targetSeconds: 20)
        #expect(queueFigures(p, agents: required).serviceLevel >= 0.8)
        #expect(queueFigures(p, agents: required - 1).serviceLevel < 0.8)
        #expect(o["agents"] as? Int == required)
    }

    @Test func tableFormatIsReadable() throws {
        let r = try CLI.run(Self.base + ["--model", "a", "--patience", "120", "--service-level", "0.8"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("required agents"))
        #expect(r.stdout.contains("abandonment"))
    }

    @Test(arguments: [
        (["--arrival-rate", "-5", "--aht", "180", "--agents", "10"], "--arrival-rate"),
        (["--arrival-rate", "0", "--aht", "180", "--agents", "10"], "--arrival-rate"),
        (["--arrival-rate", "lots", "--aht", "180", "--agents", "10"], "--arrival-rate"),
        (["--arrival-rate", "100", "--aht", "-1", "--agents", "10"], "--aht"),
        (["--arrival-rate", "100", "--aht", "180", "--agents", "0"], "--agents"),
        (["--arrival-rate", "100", "--aht", "180", "--agents", "10", "--patience", "60"], "--patience"),
        (["--model", "a", "--arrival-rate", "100", "--aht", "180", "--agents", "10"], "--patience"),
        (["--model", "a", "--patience", "60", "--arrival-rate", "100", "--aht", "180", "--max-abandon", "0"], "max abandon"),
        (["--arrival-rate", "100", "--aht", "180", "--service-level", "1.5"], "--service-level"),
        (["--arrival-rate", "100", "--aht", "180"], "--agents"),
    ])
    func badInputIsOneLineNamingTheOptionAndNonZeroExit(_ arguments: [String], _ named: String) throws {
        let r = try CLI.run(["erlang"] + arguments)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(named), "\(r.stderr)")
    }
}
