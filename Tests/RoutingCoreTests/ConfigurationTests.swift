import Foundation
import Testing
@testable import RoutingCore

@Suite struct ConfigurationTests {
    func problem(_ c: RoutingConfiguration) -> ConfigurationError? {
        do { try c.validate(); return nil } catch { return error }
    }

    @Test func validConfigurationPasses() throws {
        try configuration(queues: [queue("q")], agents: [agent("a")]).validate()
    }

    @Test func unknownSkillInRequirementNamesPath() {
        let c = configuration(queues: [queue("q"), queue("r", "nope")], agents: [agent("a")])
        #expect(problem(c) == ConfigurationError("queues[1].requirement.allOf[0].skill", .unknownSkill("nope")))
    }

    @Test func unknownSkillOnAgent() {
        let c = configuration(queues: [queue("q")], agents: [agent("a", [("x", 3)])])
        #expect(problem(c) == ConfigurationError("agents[0].skills[0].skill", .unknownSkill("x")))
    }

    @Test func unknownOverflowQueue() {
        var q = queue("q")
        q.overflow = [OverflowRule(afterSeconds: 10, target: "zz")]
        #expect(problem(configuration(queues: [q], agents: [])) == ConfigurationError("queues[0].overflow[0].target", .unknownQueue("zz")))
    }

    @Test func duplicateIDs() {
        #expect(problem(configuration(queues: [queue("q"), queue("q")], agents: []))
                == ConfigurationError("queues[1].id", .duplicateID("q")))
        #expect(problem(configuration(queues: [queue("q")], agents: [agent("a"), agent("a")]))
                == ConfigurationError("agents[1].id", .duplicateID("a")))
        #expect(problem(configuration(skills: ["s", "s"], queues: [], agents: []))
                == ConfigurationError("skills[1]", .duplicateID("s")))
    }

    @Test func negativeStepAfter() {
        var q = queue("q")
        q.expansion = [ExpansionStep(afterSeconds: -5, requirement: SkillRequirement(allOf: [SkillLevel("s", 1)]))]
        #expect(problem(configuration(queues: [q], agents: []))
                == ConfigurationError("queues[0].expansion[0].afterSeconds", .negativeAfter(-5)))
    }

    @Test func emptyRequirement() {
        var q = queue("q")
        q.requirement = SkillRequirement()
        #expect(problem(configuration(queues: [q], agents: []))
                == ConfigurationError("queues[0].requirement", .emptyRequirement))
    }

    @Test func capacityBelowOne() {
        var c = configuration(queues: [queue("q")], agents: [agent("a")])
        c.agents[0].capacity = ChannelCapacity(chat: 0)
        #expect(problem(c) == ConfigurationError("agents[0].capacity.chat", .capacityBelowOne(0)))
        c.agents[0].capacity = nil
        c.channels.capacity.voice = 0
        #expect(problem(c) == ConfigurationError("channels.capacity.voice", .capacityBelowOne(0)))
    }

    @Test func capacityAboveTheLimit() throws {
        // 2^31 once trapped building the core's 32-bit per-agent slots.
        var c = configuration(queues: [queue("q")], agents: [agent("a")])
        c.agents[0].capacity = ChannelCapacity(email: 2_147_483_648)
        #expect(problem(c) == ConfigurationError(
            "agents[0].capacity.email", .invalidValue("channel capacity must be at most 1000 (got 2147483648)")))
        c.agents[0].capacity = ChannelCapacity(email: 1_000)
        _ = try RoutingCore(configuration: c)
    }

    @Test func errorDescriptionNamesField() {
        let e = ConfigurationError("queues[0].expansion[1].afterSeconds", .negativeAfter(-1))
        #expect(e.description.hasPrefix("queues[0].expansion[1].afterSeconds:"))
    }

    @Test func decodesWithDefaults() throws {
        let json = """
        {"skills": ["billing"],
         "queues": [{"id": "q", "requirement": {"allOf": [{"skill": "billing", "level": 3}]},
                     "expansion": [{"afterSeconds": 30, "requirement": {"anyOf": [{"skill": "billing", "level": 1}]}}]}],
         "agents": [{"id": "ann", "skills": [{"skill": "billing", "level": 7}]}]}
        """
        let c = try JSONDecoder().decode(RoutingConfiguration.self, from: Data(json.utf8))
        #expect(c.queues[0].channel == .voice)
        #expect(c.queues[0].offerTimeoutSeconds == nil)
        #expect(c.channels.capacity.chat == 3)
        #expect(c.policies.agentSelection == .longestIdle)
        let round = try JSONDecoder().decode(RoutingConfiguration.self, from: JSONEncoder().encode(c))
        #expect(round == c)
        _ = try RoutingCore(configuration: c)
    }
}
