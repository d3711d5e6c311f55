import RoutingCore
import Simulation
import Stochastics
import Testing

/// Callers' reactions to announcements and callback offers, on a queue
/// overloaded enough that most callers wait.
@Suite struct CallerReactionTests {
    func overloaded(_ reactions: CallerReactions, callbackAbove: Double? = nil) throws -> SimulationModel {
        var model = try singleQueueModel(callsPerHour: 1200, ahtSeconds: 180, agents: 58, patienceSeconds: 300,
                                         targetSeconds: 20, hours: 3, replications: 4, seed: 13)
        model.queues[0].reactions = reactions
        model.routing.queues[0].announcements = AnnouncementSettings(atEntry: true)
        model.routing.queues[0].callbackOfferAboveSeconds = callbackAbove
        return model
    }

    @Test func everyOneBalksAtAnyAnnouncedWaitWhenToleranceIsZero() throws {
        let model = try overloaded(CallerReactions(balkShare: 1, balkTolerance: try .constant(0)))
        for r in try Simulator(model: model).runReplications() {
            let c = r.total(queue: 0)
            // Announced callers all balk: whoever was answered was answered at once.
            #expect(c.balked > 0)
            #expect(c.answeredWaitSeconds == 0)
            #expect(c.answered + c.abandoned == c.offered)
            #expect(c.balked <= c.abandoned)
        }
    }

    @Test func callbacksAreTakenAnsweredOrMissedAndEveryContactIsAccountedFor() throws {
        let model = try overloaded(CallerReactions(callbackAccept: 0.5, callbackAnswer: 0.8, callbackAttemptSeconds: 30),
                                   callbackAbove: 1)
        var accepted = 0, unanswered = 0
        for r in try Simulator(model: model).runReplications() {
            let c = r.total(queue: 0)
            #expect(c.answered + c.abandoned + c.callbacksUnanswered == c.offered)
            accepted += c.callbacksAccepted
            unanswered += c.callbacksUnanswered
        }
        #expect(accepted > 200)
        // Unanswered callbacks are Binomial(accepted, 0.2): within 5 standard deviations.
        let expected = 0.2 * Double(accepted)
        #expect(abs(Double(unanswered) - expected) < 5 * (Double(accepted) * 0.2 * 0.8).squareRoot())
    }

    @Test func callbacksRemoveAbandonmentOfThoseWhoTakeThem() throws {
        let none = try Simulator(model: overloaded(CallerReactions())).runReplications()
        let all = try Simulator(model: overloaded(CallerReactions(callbackAccept: 1), callbackAbove: 0.001)).runReplications()
        let abandonNone = none.reduce(0) { $0 + $1.total(queue: 0).abandoned }
        let abandonAll = all.reduce(0) { $0 + $1.total(queue: 0).abandoned }
        #expect(abandonNone > 100)
        // Everyone who waits takes a callback, so nobody abandons.
        #expect(abandonAll == 0)
    }

    @Test func patienceResetToTheAnnouncedWaitChangesAbandonment() throws {
        let unchanged = try Simulator(model: overloaded(CallerReactions())).runReplications()
        // Patience becomes a tenth of the announced wait: callers leave much sooner.
        let reset = try Simulator(model: overloaded(CallerReactions(patienceRelativeToAnnouncement: 0.1))).runReplications()
        let a = unchanged.reduce(0) { $0 + $1.total(queue: 0).abandoned }
        let b = reset.reduce(0) { $0 + $1.total(queue: 0).abandoned }
        #expect(b > a)
    }
}
