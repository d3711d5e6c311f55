import Foundation
import Staffing
import Testing

@Suite struct LimitTests {
    @Test(arguments: [(0.5, 240.0, 130), (2.0, 240.0, 490), (0.05, 180.0, 14)])
    func longPatienceApproachesErlangC(_ lambda: Double, _ aht: Double, _ agents: Int) {
        let c = queueFigures(QueueParameters(arrivalRatePerSecond: lambda, ahtSeconds: aht, model: .c, targetSeconds: 20), agents: agents)
        // The gap is first order in θ = 1/patience: small, and 100 times smaller
        // when patience grows 100-fold.
        let gaps = [1e8, 1e10].map { patience in
            let a = queueFigures(QueueParameters(arrivalRatePerSecond: lambda, ahtSeconds: aht, model: .a(patienceSeconds: patience),
                                                 targetSeconds: 20), agents: agents)
            return [relativeError(a.pWait, c.pWait), relativeError(a.serviceLevel, c.serviceLevel),
                    relativeError(a.asa, c.asa), a.pAbandon]
        }
        for (near, nearer) in zip(gaps[0], gaps[1]) {
            #expect(near > 0 && near < 1e-4)
            #expect(abs(nearer / near - 0.01) < 0.001, "\(near) → \(nearer)")
        }
    }

    @Test(arguments: [(0.5, 240.0, 110), (2.0, 240.0, 400), (0.05, 180.0, 5)])
    func shortPatienceApproachesErlangB(_ lambda: Double, _ aht: Double, _ agents: Int) {
        let b = erlangB(agents: agents, load: lambda * aht)
        for patience in [1e-6, 1e-8] {
            let a = queueFigures(QueueParameters(arrivalRatePerSecond: lambda, ahtSeconds: aht, model: .a(patienceSeconds: patience),
                                                 targetSeconds: 0), agents: agents)
            // Within the abandonment time, of order patience/AHT, the state barely moves.
            let bound = 10 * Double(agents) * patience / aht
            #expect(relativeError(a.pAbandon, b) < bound)
            #expect(relativeError(a.pWait, b) < bound)
            #expect(a.asa < 10 * patience)
        }
    }
}

@Suite struct MonotonicityTests {
    static let queues: [QueueParameters] = [
        .init(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .a(patienceSeconds: 90), targetSeconds: 20),
        .init(arrivalRatePerSecond: 2, ahtSeconds: 240, model: .a(patienceSeconds: 3000), targetSeconds: 60),
        .init(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .a(patienceSeconds: 0.5), targetSeconds: 0),
        .init(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .c, targetSeconds: 20),
        .init(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .b, targetSeconds: 20),
    ]

    @Test(arguments: queues) func figuresImproveWithEveryAgent(_ p: QueueParameters) {
        var previous = queueFigures(p, agents: 1)
        for n in 2...(Int(2 * p.offeredLoad) + 50) {
            let f = queueFigures(p, agents: n)
            #expect(f.serviceLevel >= previous.serviceLevel, "SL at \(n)")
            #expect(f.pAbandon <= previous.pAbandon, "P(Ab) at \(n)")
            #expect(f.asa <= previous.asa, "ASA at \(n)")
            #expect(f.pWait <= previous.pWait, "P(W>0) at \(n)")
            #expect(f.occupancy <= previous.occupancy, "occupancy at \(n)")
            previous = f
        }
        #expect(previous.serviceLevel > 0.99)
    }
}

@Suite struct SolverTests {
    static let erlangA = QueueParameters(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .a(patienceSeconds: 90), targetSeconds: 20)
    static let delaySystem = QueueParameters(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .c, targetSeconds: 20)
    static let lossSystem = QueueParameters(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .b, targetSeconds: 20)

    /// The answer meets `holds` and one agent fewer does not.
    func expectMinimal(_ p: QueueParameters, _ target: StaffingTarget, _ holds: (QueueFigures) -> Bool) throws {
        let s = try solveStaffing(p, target: target)
        #expect(s.figures == queueFigures(p, agents: s.requiredAgents))
        #expect(holds(s.figures), "\(s)")
        if s.requiredAgents > 1 {
            let below = queueFigures(p, agents: s.requiredAgents - 1)
            #expect(!holds(below), "\(s.requiredAgents - 1) agents already meet \(target)")
        }
    }

    @Test(arguments: [erlangA, delaySystem, lossSystem]) func eachTargetBindsInTurn(_ p: QueueParameters) throws {
        try expectMinimal(p, StaffingTarget(serviceLevel: 0.8)) { $0.serviceLevel >= 0.8 }
        try expectMinimal(p, StaffingTarget(serviceLevel: 0.95)) { $0.serviceLevel >= 0.95 }
        try expectMinimal(p, StaffingTarget(maxOccupancy: 0.85)) { $0.occupancy <= 0.85 }
        if p.model != .b {
            try expectMinimal(p, StaffingTarget(maxASA: 5)) { $0.asa <= 5 }
        }
        if p.model != .c {
            try expectMinimal(p, StaffingTarget(maxAbandon: 0.01)) { $0.pAbandon <= 0.01 }
        }
        // Combined: the binding one decides.
        try expectMinimal(p, StaffingTarget(serviceLevel: 0.8, maxOccupancy: 0.8)) { $0.serviceLevel >= 0.8 && $0.occupancy <= 0.8 }
    }

    @Test func handCheckedErlangC() throws {
        // 120 Erlangs: 80% in 20 s. Staffing must exceed the load (stability).
        let s = try solveStaffing(Self.delaySystem, target: StaffingTarget(serviceLevel: 0.8))
        #expect(s.requiredAgents > 120)
        let at = queueFigures(Self.delaySystem, agents: s.requiredAgents)
        let below = queueFigures(Self.delaySystem, agents: s.requiredAgents - 1)
        #expect(at.serviceLevel >= 0.8 && below.serviceLevel < 0.8)
        // Reference grid values of Erlang C are exact to 1e-9; the answer must also
        // agree with the closed form evaluated independently here.
        let n = Double(s.requiredAgents), a = 120.0
        let c = Staffing.erlangC(agents: s.requiredAgents, load: a)
        #expect(relativeError(at.serviceLevel, 1 - c * Foundation.exp(-(n - a) / 240 * 20)) < 1e-12)
    }

    @Test func underloadAndTinyLoads() throws {
        let tiny = QueueParameters(arrivalRatePerSecond: 1e-6, ahtSeconds: 60, model: .a(patienceSeconds: 30), targetSeconds: 20)
        #expect(try solveStaffing(tiny, target: StaffingTarget(serviceLevel: 0.8)).requiredAgents == 1)
        let big = QueueParameters(arrivalRatePerSecond: 10000.0 / 180, ahtSeconds: 180, model: .c, targetSeconds: 20)
        let s = try solveStaffing(big, target: StaffingTarget(serviceLevel: 0.8))
        #expect(s.requiredAgents > 10000 && s.requiredAgents < 10200)
        #expect(queueFigures(big, agents: s.requiredAgents - 1).serviceLevel < 0.8)
    }

    @Test func unreachableTargetsAreNamed() {
        #expect(throws: StaffingError.unreachable("max abandon 0: some contacts are always lost")) {
            try solveStaffing(Self.erlangA, target: StaffingTarget(maxAbandon: 0))
        }
        #expect(throws: StaffingError.self) { try solveStaffing(Self.lossSystem, target: StaffingTarget(maxAbandon: 0)) }
        let instant = QueueParameters(arrivalRatePerSecond: 0.5, ahtSeconds: 240, model: .c, targetSeconds: 0)
        #expect(throws: StaffingError.unreachable("service level 1 within 0.0 s: some contacts always wait or are lost")) {
            try solveStaffing(instant, target: StaffingTarget(serviceLevel: 1))
        }
        #expect(throws: StaffingError.unreachable("max ASA 0 s: some contacts always wait")) {
            try solveStaffing(Self.delaySystem, target: StaffingTarget(maxASA: 0))
        }
        // Reachable in principle, but not within the agent limit.
        do {
            _ = try solveStaffing(Self.delaySystem, target: StaffingTarget(serviceLevel: 0.8), maxAgents: 100)
            Issue.record("expected unreachable")
        } catch let error as StaffingError {
            guard case .unreachable(let what) = error else { Issue.record("\(error)"); return }
            #expect(what.contains("stability"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try solveStaffing(Self.erlangA, target: StaffingTarget(serviceLevel: 0.8, maxAbandon: 1e-9), maxAgents: 130)
            Issue.record("expected unreachable")
        } catch let error as StaffingError {
            guard case .unreachable(let what) = error else { Issue.record("\(error)"); return }
            #expect(what.contains("max abandon") && !what.contains("service level"))
        } catch { Issue.record("\(error)") }
    }

    @Test func invalidInputIsReportedNotTrapped() {
        let cases: [(QueueParameters, String)] = [
            (.init(arrivalRatePerSecond: 0, ahtSeconds: 240, model: .c, targetSeconds: 20), "arrival rate"),
            (.init(arrivalRatePerSecond: 1, ahtSeconds: -1, model: .c, targetSeconds: 20), "AHT"),
            (.init(arrivalRatePerSecond: 1, ahtSeconds: 240, model: .a(patienceSeconds: 0), targetSeconds: 20), "patience"),
            (.init(arrivalRatePerSecond: 1, ahtSeconds: 240, model: .a(patienceSeconds: .nan), targetSeconds: 20), "patience"),
            (.init(arrivalRatePerSecond: 1, ahtSeconds: 240, model: .c, targetSeconds: -1), "threshold"),
        ]
        for (p, name) in cases {
            do {
                _ = try solveStaffing(p, target: StaffingTarget(serviceLevel: 0.8))
                Issue.record("accepted \(p)")
            } catch let error as StaffingError {
                guard case .invalid(let what) = error else { Issue.record("\(error)"); continue }
                #expect(what.contains(name))
            } catch { Issue.record("\(error)") }
            #expect(queueFigures(p, agents: 10).pWait.isNaN)
        }
        #expect(throws: StaffingError.invalid("agents must be ≥ 1, got 0")) { try Self.delaySystem.validate(agents: 0) }
        #expect(queueFigures(Self.delaySystem, agents: 0).asa.isNaN)
        let huge = QueueParameters(arrivalRatePerSecond: 1e20, ahtSeconds: 240, model: .c, targetSeconds: 20)
        #expect(throws: StaffingError.self) { try solveStaffing(huge, target: StaffingTarget(serviceLevel: 0.8)) }
        let hugeA = QueueParameters(arrivalRatePerSecond: 1e20, ahtSeconds: 240, model: .a(patienceSeconds: 60), targetSeconds: 20)
        #expect(throws: StaffingError.self) { try solveStaffing(hugeA, target: StaffingTarget(serviceLevel: 0.8), maxAgents: 50) }
        #expect(throws: StaffingError.invalid("no staffing target given")) { try solveStaffing(Self.delaySystem, target: StaffingTarget()) }
        #expect(throws: StaffingError.self) { try solveStaffing(Self.delaySystem, target: StaffingTarget(serviceLevel: 1.5)) }
    }

    @Test func scheduledAgentsHandCases() throws {
        #expect(scheduledAgents(required: 30, shrinkage: 0.3) == 43)   // 42.86 → 43
        #expect(scheduledAgents(required: 70, shrinkage: 0.3) == 100)  // exactly 100
        #expect(scheduledAgents(required: 30, shrinkage: 0) == 30)
        #expect(scheduledAgents(required: 1, shrinkage: 0.5) == 2)
        #expect(scheduledAgents(required: 100, shrinkage: 0.35) == 154) // 153.85 → 154
        #expect(scheduledAgents(required: 0, shrinkage: 0.3) == 0)
        #expect(throws: StaffingError.self) { try validateShrinkage(1) }
        #expect(throws: StaffingError.self) { try validateShrinkage(-0.1) }
        try validateShrinkage(0.3)
    }
}
