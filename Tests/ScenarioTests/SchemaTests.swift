import Foundation
import RoutingCore
import Testing
@testable import Scenario

/// `Scenarios/scenario.schema.json` describes exactly what the loader
/// accepts: every mapping's keys and every choice's values are compared with
/// the loader's own lists, or, where the loader spells a list inline, with the
/// list it prints when it rejects an unknown key or value. A key added to the
/// loader without the schema (or the reverse) fails here.
@Suite struct SchemaTests {
    typealias JSON = [String: Any]

    static let schemaURL = ScenarioLoadingTests.scenariosDirectory.appendingPathComponent("scenario.schema.json")

    static func schema() throws -> JSON {
        let data = try Data(contentsOf: schemaURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? JSON)
    }

    /// The schema object at a slash-separated path of object keys from the root.
    static func node(_ path: String) throws -> JSON {
        var current = try schema()
        for key in path.split(separator: "/") {
            current = try #require(current[String(key)] as? JSON, "schema has no \(path)")
        }
        return current
    }

    static func propertyNames(_ path: String) throws -> Set<String> {
        Set(try #require(try node(path)["properties"] as? JSON, "no properties at \(path)").keys)
    }

    static func enumValues(_ path: String) throws -> [String] {
        try #require(try node(path)["enum"] as? [String], "no enum at \(path)")
    }

    /// A valid scenario with the given pieces spliced in, one per line.
    static func scenario(top: String = "", arrivals: String = "{ rate_per_hour: 60 }",
                         handleTime: String = "{ dist: exponential, mean: 180s }",
                         queue: String = "", group: String = "") -> String {
        """
        name: probe
        duration: 1h
        \(top)
        queues:
          - name: main
            arrivals: \(arrivals)
            handle_time: \(handleTime)
            \(queue)
          - name: other
            arrivals: { rate_per_hour: 60 }
            handle_time: { dist: exponential, mean: 180s }
        agents:
          - group: all
            count: 1
            skills: { main: 1, other: 1 }
            \(group)
        """
    }

    /// The probe scenario with its group staffed by `shifts` instead of a count.
    static func onShifts(_ shifts: String) -> String {
        scenario(group: "shifts: \(shifts)").replacingOccurrences(of: "    count: 1\n", with: "")
    }

    /// The loader's error message for `yaml`, or nil if it loads.
    static func message(_ yaml: String) -> String? {
        do {
            _ = try Scenario.parse(yaml, file: "probe.yaml")
            return nil
        } catch let error as ScenarioError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    /// The keys the loader lists as allowed when it rejects `zz_probe`
    /// (or another unknown key) in `yaml`.
    static func allowedKeys(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> Set<String> {
        guard let message = message(yaml), let range = message.range(of: "; allowed: ") else {
            Issue.record("no unknown-key error: \(message(yaml) ?? "loaded")", sourceLocation: sourceLocation)
            return []
        }
        return Set(message[range.upperBound...].components(separatedBy: ", "))
    }

    /// The values the loader lists when it rejects the choice `zz_probe` in `yaml`.
    static func choices(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        guard let message = message(yaml), let start = message.range(of: "expected one of "),
              let end = message.range(of: ", got 'zz_probe'") else {
            Issue.record("no choice error: \(message(yaml) ?? "loaded")", sourceLocation: sourceLocation)
            return []
        }
        return message[start.upperBound..<end.lowerBound].components(separatedBy: ", ")
    }

    // MARK: - The file

    @Test func schemaIsValidJSONOfDraft202012() throws {
        let schema = try Self.schema()
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["type"] as? String == "object")
        #expect(Set(try #require(schema["required"] as? [String])) == ["name", "duration", "queues", "agents"])
    }

    @Test func everyReferenceResolves() throws {
        let schema = try Self.schema()
        let defs = try #require(schema["$defs"] as? JSON)
        var refs: [String] = []
        func walk(_ value: Any) {
            if let object = value as? JSON {
                if let ref = object["$ref"] as? String { refs.append(ref) }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(schema)
        #expect(!refs.isEmpty)
        for ref in refs {
            #expect(ref.hasPrefix("#/$defs/") && defs[String(ref.dropFirst("#/$defs/".count))] != nil, "\(ref)")
        }
    }

    /// Every object with fixed properties rejects others, as the loader does.
    @Test func everyMappingRejectsUnknownKeys() throws {
        var open: [String] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? JSON {
                if object["properties"] != nil, object["additionalProperties"] as? Bool != false {
                    // A distribution's own `properties` only offers `dist` for completion; each
                    // family branch in its `oneOf` is closed.
                    let branches = object["oneOf"] as? [JSON] ?? []
                    let closed = !branches.isEmpty && branches.allSatisfy { $0["additionalProperties"] as? Bool == false }
                    if !closed { open.append(path) }
                }
                // Conditions (`if`, `then`, `else`) only test keys the object itself defines.
                for (key, child) in object where !["if", "then", "else"].contains(key) { walk(child, "\(path)/\(key)") }
            } else if let array = value as? [Any] {
                for (i, child) in array.enumerated() { walk(child, "\(path)/\(i)") }
            }
        }
        walk(try Self.schema(), "#")
        #expect(open.isEmpty, "open mappings: \(open)")
    }

    @Test func durationsAreNumbersOrNumbersWithAUnit() throws {
        let duration = try Self.node("$defs/duration")
        let options = try #require(duration["anyOf"] as? [JSON])
        #expect(options.contains { $0["type"] as? String == "number" })
        let text = try #require(options.first { $0["type"] as? String == "string" })
        let regex = try NSRegularExpression(pattern: try #require(text["pattern"] as? String))
        // The pattern takes the quoted texts the loader takes as durations of at least 0
        // (every duration is), and nothing else: a quoted number is no duration.
        for sample in ["45s", "30m", "9h", "1d", "250ms", "1.5h", "0s", "16h30m", "1d2h", "1m30.5s", "2s250ms", "5.h",
                       ".5s", "12.5", "0", "1e3", "+1h", "-1h", " 45s", "45s ", "1e3s", "5.", "", "30m16h", "1h1h", "16h30",
                       "16h 30m", "h", "1x", "1h-30m", "30mm", "ms", ".", "..s", "1.2.3h", "1.5.h"] {
            let matches = regex.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil
            let quoted = try YAMLValue.parse("a: \"\(sample)\"\n", file: "t.yaml").mapping(allowed: ["a"]).required("a")
            #expect(matches == ((try? quoted.duration()).map { $0 >= 0 } ?? false), "\(sample)")
        }
    }

    // MARK: - Keys, against the loader's lists

    @Test func topLevelKeysMatchTheLoader() throws {
        #expect(try Self.propertyNames("") == Set(ScenarioReader.topKeys))
        #expect(try Self.node("")["additionalProperties"] as? Bool == false)
    }

    @Test func queueKeysMatchTheLoader() throws {
        #expect(try Self.propertyNames("$defs/queue") == Set(QueueReader.keys))
    }

    @Test func agentGroupKeysMatchTheLoader() throws {
        #expect(try Self.propertyNames("$defs/group") == Set(GroupReader.keys))
    }

    @Test func distributionFamiliesAndKeysMatchTheLoader() throws {
        let distribution = try Self.node("$defs/distribution")
        let families = try Self.enumValues("$defs/distribution/properties/dist")
        #expect(families == YAMLValue.distributionFamilies)
        let branches = try #require(distribution["oneOf"] as? [JSON])
        var branchKeys: [String: Set<String>] = [:]
        for branch in branches {
            let properties = try #require(branch["properties"] as? JSON)
            let family = try #require((properties["dist"] as? JSON)?["const"] as? String)
            branchKeys[family] = Set(properties.keys).subtracting(["dist"])
        }
        #expect(Set(branchKeys.keys) == Set(families))
        // The keys of all families together, as the loader lists them.
        #expect(branchKeys.values.reduce(into: Set<String>()) { $0.formUnion($1) } == Set(YAMLValue.distributionKeys))
        #expect(Self.allowedKeys(Self.scenario(handleTime: "{ dist: exponential, zz_probe: 1 }"))
            == Set(["dist"] + YAMLValue.distributionKeys))
        // Each family's own keys: a key of another family is rejected with the family's list.
        for family in families {
            let own = branchKeys[family] ?? []
            let foreign = try #require(YAMLValue.distributionKeys.first { !own.contains($0) })
            let yaml = Self.scenario(handleTime: "{ dist: \(family), \(foreign): 1 }")
            #expect(Self.allowedKeys(yaml) == own.union(["dist"]), "family \(family)")
        }
        // Mixture components: the same families, each with a weight.
        let components = try #require(try Self.node("$defs/component")["oneOf"] as? [JSON])
        for component in components {
            let properties = try #require(component["properties"] as? JSON)
            let family = try #require((properties["dist"] as? JSON)?["const"] as? String)
            #expect(Set(properties.keys) == (branchKeys[family] ?? []).union(["dist", "weight"]), "component \(family)")
        }
        let mixture = "{ dist: mixture, components: [{ weight: 1, dist: exponential, mean: 1s, cv: 1 }] }"
        #expect(Self.allowedKeys(Self.scenario(handleTime: mixture)) == ["dist", "mean", "weight"])
    }

    @Test func nestedMappingKeysMatchTheLoader() throws {
        let probes: [(schema: String, yaml: String)] = [
            ("properties/routing", Self.scenario(top: "routing: { zz_probe: 1 }")),
            ("properties/channels", Self.scenario(top: "channels: { zz_probe: 1 }")),
            ("$defs/capacity", Self.scenario(top: "channels: { capacity: { zz_probe: 1 } }")),
            ("$defs/capacity", Self.scenario(group: "capacity: { zz_probe: 1 }")),
            ("properties/reservations/items", Self.scenario(top: "reservations: [{ zz_probe: 1 }]")),
            ("$defs/arrivals", Self.scenario(arrivals: "{ rate_per_hour: 60, zz_probe: 1 }")),
            ("$defs/surge", Self.scenario(arrivals: "{ rate_per_hour: 60, surges: [{ zz_probe: 1 }] }")),
            ("$defs/queue/properties/target", Self.scenario(queue: "target: { zz_probe: 1 }")),
            ("$defs/queue/properties/urgent", Self.scenario(queue: "urgent: { zz_probe: 1 }")),
            ("$defs/requirement", Self.scenario(queue: "requires: { zz_probe: 1 }")),
            ("$defs/queue/properties/expansion/items", Self.scenario(queue: "expansion: [{ zz_probe: 1 }]")),
            ("$defs/requirement", Self.scenario(queue: "expansion: [{ after: 1s, requires: { zz_probe: 1 } }]")),
            ("$defs/queue/properties/overflow/items", Self.scenario(queue: "overflow: [{ zz_probe: 1 }]")),
            ("$defs/queue/properties/announcements", Self.scenario(queue: "announcements: { zz_probe: 1 }")),
            ("$defs/queue/properties/ivr", Self.scenario(queue: "ivr: { zz_probe: 1 }")),
            ("$defs/shift", Self.onShifts("[{ zz_probe: 1 }]")),
            ("$defs/shiftBreak", Self.onShifts("[{ start: 0s, end: 1h, count: 1, breaks: [{ zz_probe: 1 }] }]")),
        ]
        for probe in probes {
            #expect(try Self.propertyNames(probe.schema) == Self.allowedKeys(probe.yaml), "\(probe.schema)")
        }
    }

    /// `arrivals` takes exactly one of `rate_per_hour` and `profile` (a file path).
    @Test func arrivalsTakeEitherARateOrAProfile() throws {
        let arrivals = try Self.node("$defs/arrivals")
        #expect(arrivals["required"] == nil)
        let branches = try #require(arrivals["oneOf"] as? [JSON])
        #expect(branches.map { $0["required"] as? [String] ?? [] } == [["rate_per_hour"], ["profile"]])
        let profile = try Self.node("$defs/arrivals/properties/profile")
        #expect(profile["type"] as? String == "string")
        #expect(profile["minLength"] as? Int == 1)
        // And the loader: one of the two, a string, not empty.
        #expect(Self.message(Self.scenario(arrivals: "{ interval: 30m }"))
            == "missing required key 'rate_per_hour' (or 'profile', a CSV file)")
        #expect(Self.message(Self.scenario(arrivals: "{ rate_per_hour: 60, profile: p.csv }"))
            == "give either 'rate_per_hour' or 'profile', not both")
        #expect(Self.message(Self.scenario(arrivals: "{ profile: [p.csv] }")) == "expected a string, got a list")
        #expect(Self.message(Self.scenario(arrivals: "{ profile: \"\" }")) == "must not be empty")
        #expect(throws: Never.self) {
            try Scenario.parse(Self.scenario(arrivals: "{ profile: p.csv }"), file: "probe.yaml", profiles: .skip)
        }
    }

    /// The level keys of `handle_time_factor` the schema's pattern allows
    /// are those the loader accepts.
    @Test func handleTimeFactorLevelsMatchTheLoader() throws {
        let factor = try Self.node("$defs/queue/properties/handle_time_factor")
        let pattern = try #require((factor["propertyNames"] as? JSON)?["pattern"] as? String)
        let regex = try NSRegularExpression(pattern: pattern)
        for key in ["0", "1", "5", "9", "10", "11", "100", "x", ""] {
            let schemaAllows = regex.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil
            let loaderAllows = Self.message(Self.scenario(queue: "handle_time_factor: { \"\(key)\": 1.2 }")) == nil
            #expect(schemaAllows == loaderAllows, "level '\(key)'")
        }
    }

    // MARK: - Choices, against the loader's lists

    @Test func choicesMatchTheLoader() throws {
        let agentSelection = AgentSelectionPolicy.allCases.map { snakeCased($0.rawValue) }
        let contactSelection = ContactSelectionPolicy.allCases.map { snakeCased($0.rawValue) }
        let estimators = WaitEstimator.allCases.map { snakeCased($0.rawValue) }
        let channels = Channel.allCases.map(\.rawValue)
        #expect(try Self.enumValues("$defs/agentSelection") == agentSelection)
        #expect(try Self.enumValues("$defs/contactSelection") == contactSelection)
        #expect(try Self.enumValues("$defs/queue/properties/wait_estimator") == estimators)
        #expect(try Self.enumValues("$defs/queue/properties/channel") == channels)
        #expect(try Self.enumValues("properties/channels/properties/exclusive/items") == channels)
        #expect(try Self.propertyNames("$defs/capacity") == Set(channels))
        // And the loader really reads them where the schema puts them.
        #expect(Self.choices(Self.scenario(top: "routing: { agent_selection: zz_probe }")) == agentSelection)
        #expect(Self.choices(Self.scenario(queue: "agent_selection: zz_probe")) == agentSelection)
        #expect(Self.choices(Self.scenario(top: "routing: { contact_selection: zz_probe }")) == contactSelection)
        #expect(Self.choices(Self.scenario(group: "contact_selection: zz_probe")) == contactSelection)
        #expect(Self.choices(Self.scenario(queue: "wait_estimator: zz_probe")) == estimators)
        #expect(Self.choices(Self.scenario(queue: "channel: zz_probe")) == channels)
        #expect(Self.choices(Self.scenario(top: "channels: { exclusive: [zz_probe] }")) == channels)
        #expect(Self.choices(Self.scenario(handleTime: "{ dist: zz_probe }")) == YAMLValue.distributionFamilies)
        let queueRefs = try Self.node("$defs/queue/properties/agent_selection")["$ref"] as? String
        let groupRefs = try Self.node("$defs/group/properties/contact_selection")["$ref"] as? String
        #expect(queueRefs == "#/$defs/agentSelection")
        #expect(groupRefs == "#/$defs/contactSelection")
        #expect(try Self.node("properties/routing/properties/agent_selection")["$ref"] as? String == "#/$defs/agentSelection")
        #expect(try Self.node("properties/routing/properties/contact_selection")["$ref"] as? String == "#/$defs/contactSelection")
    }

    /// The probe scenario itself is valid, so every probe error above comes
    /// from the spliced-in piece.
    @Test func probeScenarioLoads() {
        #expect(Self.message(Self.scenario()) == nil)
        #expect(Self.message(Self.onShifts("[{ start: 0s, end: 1h, count: 1, breaks: [{ at: 30m, length: 5m }] }]")) == nil)
    }
}
