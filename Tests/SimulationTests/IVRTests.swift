import RoutingCore
import Simulation
import Staffing
import Stochastics
import Testing

/// The IVR in front of a queue: contained contacts never reach it, the
/// others enter it when their IVR time ends, and the queue's figures count
/// them from then on.
@Suite struct IVRTests {
    /// `singleQueueModel` with an IVR in front of its queue.
    static func model(containment: Double, ivrTime: Distribution, callsPerHour: Double, ahtSeconds: Double,
                      agents: Int, patienceSeconds: Double?, hours: Double, replications: Int,
                      seed: UInt64) throws -> (plain: SimulationModel, ivr: SimulationModel) {
        let plain = try singleQueueModel(callsPerHour: callsPerHour, ahtSeconds: ahtSeconds, agents: agents,
                                         patienceSeconds: patienceSeconds, targetSeconds: 20, hours: hours,
                                         replications: replications, seed: seed)
        var ivr = plain
        ivr.queues[0].ivr = IVRStage(containment: containment, time: ivrTime)
        return (plain, ivr)
    }

    @Test func fullContainmentOffersNothingAndContainsEveryContact() throws {
        let (plain, ivr) = try Self.model(containment: 1, ivrTime: .constant(0), callsPerHour: 1200, ahtSeconds: 180,
                                          agents: 70, patienceSeconds: 120, hours: 2, replications: 3, seed: 7)
        let without = try Simulator(model: plain).runReplications()
        let with = try Simulator(model: ivr).runReplications(recordDecisions: true)
        for (p, r) in zip(without, with) {
            let total = r.total(queue: 0)
            #expect(total.offered == 0 && total.answered == 0 && total.abandoned == 0 && total.handled == 0)
            // The same arrivals (the IVR draws from its own stream), each contained in the interval the
            // plain run offered it in.
            #expect(r.arrivals == p.arrivals)
            // 1200 an hour for the 2 reported hours: about 2,400.
            #expect(total.ivrContained > 2200)
            for i in 0..<r.intervalCount {
                #expect(r[queue: 0, interval: i].ivrContained == p[queue: 0, interval: i].offered)
            }
            #expect(r.decisions == [])
            #expect(r.total(group: 0).busySeconds == 0)
            let figures = ServiceFigures(total, agents: r.total(group: 0), periodSeconds: 7200, targeted: total)
            #expect(figures.ivrContained.value == 1)
            #expect(figures.offered == 0 && figures.serviceLevel.value.isNaN)
        }
    }

    @Test func zeroContainmentShiftsEveryWaitFreeAnswerByTheIVRTime() throws {
        // 20 Erlangs on 200 agents: nobody waits, each contact is answered as it enters the queue.
        let (plain, ivr) = try Self.model(containment: 0, ivrTime: .constant(45), callsPerHour: 1200, ahtSeconds: 60,
                                          agents: 200, patienceSeconds: nil, hours: 1, replications: 2, seed: 3)
        let without = try Simulator(model: plain).runReplications(recordDecisions: true)
        let with = try Simulator(model: ivr).runReplications(recordDecisions: true)
        for (p, r) in zip(without, with) {
            #expect(p.total(queue: 0).delayed == 0 && r.total(queue: 0).delayed == 0)
            #expect(r.total(queue: 0).answeredWaitSeconds == 0 && r.total(queue: 0).ivrContained == 0)
            let expected = try #require(p.decisions).map {
                Decision(timeMicros: $0.timeMicros + 45_000_000, contact: $0.contact, agent: $0.agent, queue: $0.queue)
            }
            #expect(expected.count > 2000)
            #expect(try #require(r.decisions) == expected)
        }
    }

    /// Poisson arrivals thinned by the IVR and delayed by independent IVR
    /// times are Poisson again: an M/M/n queue behind an IVR (containment 0
    /// with a constant 30 s, or 0.3 with exponential 60 s) that leaves
    /// λ of λ / (1 − containment) arrivals is still Erlang C at λ.
    @Test(arguments: [0.0, 0.3])
    func anMMNQueueBehindAnIVRAgreesWithErlangC(containment: Double) throws {
        let ivrTime: Distribution = containment == 0 ? try .constant(30) : try .exponential(mean: 60)
        let (_, model) = try Self.model(containment: containment, ivrTime: ivrTime,
                                        callsPerHour: 1000 / (1 - containment), ahtSeconds: 180, agents: 56,
                                        patienceSeconds: nil, hours: 12, replications: 12, seed: 11)
        let counters = try Simulator(model: model).runReplications()
        let figures = counters.map { ServiceFigures($0.total(queue: 0), agents: $0.total(group: 0), periodSeconds: 12 * 3600, targeted: $0.total(queue: 0)) }
        let exact = queueFigures(QueueParameters(arrivalRatePerSecond: 1000.0 / 3600, ahtSeconds: 180, model: .c,
                                                 targetSeconds: 20), agents: 56)
        let sl = Estimate(shares: figures.map(\.serviceLevel), confidence: 0.99)
        let asa = Estimate(ratios: figures.map(\.asa), confidence: 0.99)
        let occupancy = Estimate(ratios: figures.map(\.occupancy), confidence: 0.99)
        let offered = Estimate(values: figures.map(\.offered), confidence: 0.99)
        #expect(sl.contains(exact.serviceLevel), "SL \(exact.serviceLevel) outside \(sl)")
        #expect(asa.contains(exact.asa), "ASA \(exact.asa) outside \(asa)")
        #expect(occupancy.contains(exact.occupancy), "occupancy \(exact.occupancy) outside \(occupancy)")
        #expect(offered.contains(12_000), "offered \(offered), expected 12,000")
        #expect(sl.halfWidth < 0.05)
    }

    @Test func aContainmentShareIsBinomialAndPartitionsTheArrivals() throws {
        // IVR time 0: every contact leaves the IVR in the interval it arrived in.
        let (plain, ivr) = try Self.model(containment: 0.3, ivrTime: .constant(0), callsPerHour: 1200, ahtSeconds: 60,
                                          agents: 30, patienceSeconds: 120, hours: 10, replications: 4, seed: 13)
        let without = try Simulator(model: plain).runReplications()
        let with = try Simulator(model: ivr).runReplications()
        var contained = 0, left = 0
        for (p, r) in zip(without, with) {
            for i in 0..<r.intervalCount {
                let cell = r[queue: 0, interval: i]
                #expect(cell.ivrContained + cell.offered == p[queue: 0, interval: i].offered)
            }
            let total = r.total(queue: 0)
            contained += total.ivrContained
            left += total.ivrContained + total.offered
            let figures = ServiceFigures(total, agents: r.total(group: 0), periodSeconds: 36_000, targeted: total)
            #expect(figures.ivrContained.value == Double(total.ivrContained) / Double(total.ivrContained + total.offered))
        }
        // About 48,000 contacts: the share within 4 standard errors of 0.3.
        #expect(left > 45_000)
        let share = Double(contained) / Double(left)
        #expect(abs(share - 0.3) < 4 * (0.3 * 0.7 / Double(left)).squareRoot(), "contained share \(share)")
    }

    /// A 30-minute IVR in a run reported from 1:00 to 2:00: the contacts
    /// leaving it from 1:30 to 2:00 are those the plain run offers from 1:00
    /// to 1:30 (the same arrivals), and those leaving after the end of the
    /// run are in no interval, contained or not.
    @Test func contactsLeavingTheIVRAfterTheEndAreInNoInterval() throws {
        for containment in [0.0, 1] {
            let (plain, ivr) = try Self.model(containment: containment, ivrTime: .constant(1800), callsPerHour: 1200,
                                              ahtSeconds: 60, agents: 200, patienceSeconds: nil, hours: 1,
                                              replications: 2, seed: 5)
            for (p, r) in zip(try Simulator(model: plain).runReplications(), try Simulator(model: ivr).runReplications()) {
                let entered = r[queue: 0, interval: 1].offered + r[queue: 0, interval: 1].ivrContained
                #expect(p[queue: 0, interval: 0].offered > 500)
                #expect(entered == p[queue: 0, interval: 0].offered)
            }
        }
    }

    /// Nobody on duty, no patience, an IVR of exactly the warm-up's hour:
    /// the first hour's callers enter the queue in the reported hour, the
    /// second hour's after the end; all are left waiting, and all counted
    /// as unresolved, none silently.
    @Test func contactsLeftWaitingAfterTheIVRAtTheEndAreUnresolved() throws {
        var (_, ivr) = try Self.model(containment: 0, ivrTime: .constant(3600), callsPerHour: 600, ahtSeconds: 60,
                                      agents: 2, patienceSeconds: nil, hours: 1, replications: 2, seed: 4)
        ivr.groups[0].headcount = [0]
        for r in try Simulator(model: ivr).runReplications() {
            #expect(r.total(queue: 0).offered > 450 && r.total(queue: 0).offered < r.arrivals)
            #expect(r.unresolved == [r.arrivals])
        }
    }
}
