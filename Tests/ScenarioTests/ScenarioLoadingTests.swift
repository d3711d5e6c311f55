import Foundation
import RoutingCore
import Stochastics
import Testing
@testable import Scenario

/// The shipped scenarios load; the minimal form gives exactly the model it
/// describes; every kind of mistake is reported at the right file, line,
/// column and field path. Expected positions are counted by hand from the
/// YAML text in each test (lines and columns are 1-based).
@Suite struct ScenarioLoadingTests {
    /// `Scenarios/` at the package root, found from this file's path.
    static let scenariosDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ScenarioTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Scenarios")

    static func load(_ name: String) throws -> Scenario {
        let url = scenariosDirectory.appendingPathComponent(name)
        return try Scenario.parse(String(contentsOf: url, encoding: .utf8), file: name)
    }

    /// Loads `yaml` as `s.yaml`, expecting a `ScenarioError`.
    static func loadError(_ yaml: String) -> ScenarioError? {
        #expect(throws: ScenarioError.self) { try Scenario.parse(yaml, file: "s.yaml") }
    }

    // MARK: - Shipped scenarios

    @Test func everyShippedScenarioLoads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.scenariosDirectory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(Set(["mmn-plus-m.yaml", "utility-hotline.yaml", "storm-surge.yaml", "multichannel.yaml"])
            .isSubset(of: Set(names)))
        for name in names {
            do {
                let model = try Self.load(name).model
                #expect(model.name + ".yaml" == name, "a scenario's name is its file name")
                #expect(!model.queues.isEmpty && !model.groups.isEmpty)
            } catch {
                Issue.record("\(name) does not load: \(error)")
            }
        }
    }

    @Test func minimalMMNPlusMLoadsWithExactValues() throws {
        let model = try Self.load("mmn-plus-m.yaml").model
        #expect(model.name == "mmn-plus-m")
        #expect(model.durationSeconds == 32_400)  // 9h
        #expect(model.warmupSeconds == 3_600)  // 1h
        #expect(model.replications == 10)
        #expect(model.seed == 7)
        #expect(model.intervalSeconds == 1_800)  // default interval 30m
        #expect(model.queues.count == 1)
        let main = try #require(model.queues.first)
        #expect(main.name == "main")
        #expect(main.ratesPerSecond == [6000.0 / 3600.0])
        #expect(main.arrivalIntervalSeconds == 1_800)
        #expect(main.volumeCV == 0)
        #expect(main.surges.isEmpty)
        #expect(main.talkTime == (try Distribution.exponential(mean: 180)))
        #expect(main.wrapUp == nil)
        #expect(main.patience == (try Distribution.exponential(mean: 120)))
        #expect(main.target?.serviceLevel == 0.8)
        #expect(main.target?.withinSeconds == 20)
        #expect(main.shortAbandonSeconds == 0)
        #expect(main.urgentShare == 0)
        #expect(model.groups.count == 1)
        let all = try #require(model.groups.first)
        #expect(all.name == "all")
        #expect(all.headcount == [310])
        #expect(all.serves == [0])
        #expect(all.agents == 0..<310)
        #expect(model.routing.skills == ["main"])
        #expect(model.routing.agents.count == 310)
        #expect(model.routing.agents.allSatisfy { $0.skills == [SkillLevel("main", 1)] && $0.groups == ["all"] })
        let queue = try #require(model.routing.queues.first)
        #expect(queue.id == "main")
        #expect(queue.channel == .voice)
        #expect(queue.requirement == SkillRequirement(allOf: [SkillLevel("main", 1)]))
        #expect(queue.expectedHandleSeconds == 180)
        #expect(model.routing.policies == RoutingPolicies())
    }

    @Test func stormSurgeMultipliesOutageCallsByFourFrom18To21() throws {
        let model = try Self.load("storm-surge.yaml").model
        let hotline = try Self.load("utility-hotline.yaml").model
        #expect(model.name == "storm-surge")
        #expect(model.seed != hotline.seed)
        let outage = try #require(model.queues.first { $0.name == "outage" })
        #expect(outage.surges.count == 1)
        #expect(outage.surges.first?.start == 64_800)  // 18h
        #expect(outage.surges.first?.end == 75_600)  // 21h
        #expect(outage.surges.first?.factor == 4)
        #expect(outage.ratesPerSecond == hotline.queues.first { $0.name == "outage" }?.ratesPerSecond)
        #expect(model.queues.filter { $0.name != "outage" }.allSatisfy { $0.surges.isEmpty })
        #expect(model.groups.map(\.headcount) == hotline.groups.map(\.headcount))
    }

    @Test func multichannelHasAChatQueueAndBlendedAgentsHoldingThreeChats() throws {
        let model = try Self.load("multichannel.yaml").model
        #expect(model.durationSeconds == 8 * 3_600)
        let channels = model.routing.queues.map(\.channel)
        #expect(channels.contains(.voice) && channels.contains(.chat))
        let chat = try #require(model.routing.queues.firstIndex { $0.channel == .chat })
        let servingChat = model.groups.filter { $0.serves.contains(chat) }
        #expect(!servingChat.isEmpty)
        for group in servingChat {
            for agent in model.routing.agents[group.agents] {
                #expect((agent.capacity ?? model.routing.channels.capacity).chat == 3)
            }
        }
        #expect(model.groups.contains { !$0.serves.contains(chat) }, "a voice-only group")
        let perHour = model.queues.map { $0.ratesPerSecond.reduce(0, +) / Double($0.ratesPerSecond.count) * 3_600 }
        #expect((200...1_000).contains(perHour.reduce(0, +)), "a few hundred contacts per hour")
    }

    // MARK: - Errors

    @Test func unknownKeyIsReportedAtTheKeyWithASuggestion() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_tme: { dist: exponential, mean: 180s }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error?.file == "s.yaml")
        #expect(error?.line == 6)
        #expect(error?.column == 5)
        #expect(error?.path == "queues[0].handle_tme")
        #expect(error?.message.contains("unknown key 'handle_tme' (did you mean 'handle_time'?)") == true)
        #expect(error?.description.hasPrefix("s.yaml:6:5: queues[0].handle_tme: unknown key") == true)
    }

    @Test func wrongTypeIsReportedAtTheValue() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            replications: ten
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 3, column: 15, path: "replications",
                                       message: "expected a whole number, got 'ten'"))
        // A scalar where a list belongs.
        let list = Self.loadError("""
            name: t
            duration: 1h
            queues: main
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(list?.line == 3)
        #expect(list?.column == 9)
        #expect(list?.path == "queues")
        #expect(list?.message == "expected a list, got a scalar")
    }

    @Test func unknownSkillInAgentSkillsIsReportedAtTheSkill() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: billing
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
            agents:
              - group: all
                count: 1
                skills: { biling: 5 }
            """)
        #expect(error?.line == 10)
        #expect(error?.column == 15)
        #expect(error?.path == "agents[0].skills")
        #expect(error?.message.hasPrefix("unknown skill 'biling'; known skills: billing") == true)
    }

    @Test func unknownQueueInOverflowTargetIsReportedAtTheTarget() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
                overflow:
                  - after: 30s
                    to: backup
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 9, column: 13, path: "queues[0].overflow[0].to",
                                       message: "unknown queue 'backup'; queues: main"))
    }

    @Test func negativeDurationsAreRejected() {
        let duration = Self.loadError("""
            name: t
            duration: -9h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(duration == ScenarioError(file: "s.yaml", line: 2, column: 11, path: "duration",
                                          message: "must be at least 1s"))
        let shortAbandon = Self.loadError("""
            name: t
            duration: 9h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
                short_abandon: -5s
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(shortAbandon == ScenarioError(file: "s.yaml", line: 7, column: 20, path: "queues[0].short_abandon",
                                              message: "must not be negative"))
    }

    @Test func expansionStepsMustHaveIncreasingAfterTimes() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
                requires: { all_of: { main: 5 } }
                expansion:
                  - after: 30s
                    requires: { all_of: { main: 3 } }
                  - after: 30s
                    requires: { all_of: { main: 1 } }
            agents:
              - { group: all, count: 1, skills: { main: 5 } }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 11, column: 9, path: "queues[0].expansion[1]",
                                       message: "steps must have strictly increasing 'after' times"))
    }

    @Test func skillLevelsOutside1To10AreRejected() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
            agents:
              - group: all
                count: 1
                skills: { main: 11 }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 10, column: 21, path: "agents[0].skills.main",
                                       message: "level must be 1 (lowest) to 10"))
        let zero = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
                requires: { all_of: { main: 0 } }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(zero?.line == 7)
        #expect(zero?.column == 33)
        #expect(zero?.path == "queues[0].requires.all_of.main")
    }

    @Test func countAndHeadcountTogetherAreRejected() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
            agents:
              - group: all
                count: 3
                headcount: [3, 4]
                skills: { main: 1 }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 8, column: 5, path: "agents[0]",
                                       message: "give either 'count' or 'headcount', not both"))
    }

    @Test func emptyQueueListIsRejected() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues: []
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 3, column: 9, path: "queues",
                                       message: "at least one queue is required"))
    }

    @Test func unknownDistributionFamilyIsReportedAtDist() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: normal, mean: 180s }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error?.line == 6)
        #expect(error?.column == 26)
        #expect(error?.path == "queues[0].handle_time.dist")
        #expect(error?.message == "expected one of exponential, lognormal, gamma, weibull, erlang, uniform, constant, empirical, mixture, got 'normal'")
    }

    @Test func invalidDistributionParameterIsReportedAtTheDistribution() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: -180s }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 6, column: 18, path: "queues[0].handle_time",
                                       message: "invalid exponential distribution: mean must be finite and > 0, got -180.0"))
    }

    @Test func keyOfAnotherFamilyIsAnUnknownKey() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s, cv: 0.5 }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error?.line == 6)
        #expect(error?.column == 51)
        #expect(error?.path == "queues[0].handle_time.cv")
        #expect(error?.message == "unknown key 'cv'; allowed: dist, mean")
    }

    @Test func yamlSyntaxErrorHasAPositionAndNoPath() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: [60, 70 }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 5, column: 40, path: "",
                                       message: "YAML syntax: did not find expected ',' or ']'"))
        #expect(error?.description == "s.yaml:5:40: YAML syntax: did not find expected ',' or ']'")
    }

    @Test func duplicateQueueNamesAreReportedAtTheSecondQueue() {
        let error = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
              - name: main
                arrivals: { rate_per_hour: 30 }
                handle_time: { dist: exponential, mean: 180s }
            agents:
              - { group: all, count: 1, skills: { main: 1 } }
            """)
        #expect(error == ScenarioError(file: "s.yaml", line: 7, column: 5, path: "queues[1]",
                                       message: "duplicate queue name 'main'"))
    }

    /// Seeds take the whole range `--seed` does; `overall` is the results' total, no queue.
    @Test func seedsSpanSixtyFourBitsAndOverallIsNoQueueName() throws {
        let minimal = try String(contentsOf: Self.scenariosDirectory.appendingPathComponent("mmn-plus-m.yaml"), encoding: .utf8)
        let top = try Scenario.parse(minimal.replacingOccurrences(of: "seed: 7", with: "seed: 18446744073709551615"), file: "s.yaml")
        #expect(top.model.seed == .max)
        for bad in ["18446744073709551616", "-1", "1.5"] {
            let error = Self.loadError(minimal.replacingOccurrences(of: "seed: 7", with: "seed: \(bad)"))
            #expect(error?.message == "expected a seed: a whole number from 0 to 18446744073709551615, got '\(bad)'")
        }
        let overall = Self.loadError(minimal.replacingOccurrences(of: "name: main", with: "name: overall"))
        #expect(overall?.path == "queues[0].name" && overall?.message.hasPrefix("'overall' names the total") == true)
    }

    /// A repeated key is reported where it is repeated (the one to remove),
    /// with its field path and the position of its first occurrence.
    @Test func repeatedKeyIsReportedWhereItIsRepeated() {
        let top = Self.loadError("name: t\nduration: 1h\nduration: 2h\n")
        #expect(top == ScenarioError(file: "s.yaml", line: 3, column: 1, path: "duration",
                                     message: "key 'duration' repeated here; first at 2:1"))
        let nested = Self.loadError("""
            name: t
            duration: 1h
            queues:
              - name: main
                arrivals: { rate_per_hour: 5 }
                handle_time: { dist: exponential, mean: 3m }
                handle_time: { dist: exponential, mean: 3m }
            agents: []
            """)
        #expect(nested == ScenarioError(file: "s.yaml", line: 7, column: 5, path: "queues[0].handle_time",
                                        message: "key 'handle_time' repeated here; first at 6:5"))
        // In a flow mapping on one line; quoted; a third occurrence is not the one reported.
        let flow = Self.loadError("name: t\nqueues:\n  - arrivals: { rate_per_hour: 5, \"rate_per_hour\": 6, rate_per_hour: 7 }\n")
        #expect(flow == ScenarioError(file: "s.yaml", line: 3, column: 35, path: "queues[0].arrivals.rate_per_hour",
                                      message: "key 'rate_per_hour' repeated here; first at 3:17"))
    }

    /// Other repeated keys, found first or in enclosing mappings, do not hide
    /// the repeat; one that cannot be renamed (with an anchor) is reported at
    /// its first occurrence.
    @Test func repeatedKeyIsFoundAmongOtherRepeats() {
        let yaml = """
            name: t
            queues:
              - { name: a, name: b, arrivals: x, arrivals: y }
            queues: []
            """
        // Yams reports the first of the mapping's repeated keys in name order.
        #expect(Self.loadError(yaml) == ScenarioError(file: "s.yaml", line: 3, column: 38, path: "queues[0].arrivals",
                                                      message: "key 'arrivals' repeated here; first at 3:25"))
        let anchored = Self.loadError("name: t\n&d duration: 1h\nduration: 2h\n")
        #expect(anchored == ScenarioError(file: "s.yaml", line: 2, column: 1, path: "",
                                          message: "key 'duration' given here and again later in the same mapping"))
    }
}
