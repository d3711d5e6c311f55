import Foundation
import Simulation
import Testing
@testable import Scenario

/// `scenario.schema.json` rejects what the loader rejects, and accepts what
/// it accepts, for the fragments of `Tests/schema-cases.json`: scalar types,
/// single-value bounds and keys that need other keys. The disagreements JSON
/// Schema cannot avoid are listed there with the reason, and must persist.
@Suite struct SchemaAgreementTests {
    struct Case {
        let edits: [String: String]
        /// Part of the loader's error, or nil when the scenario loads.
        let acd: String?
        /// Why the schema cannot agree, for a known limitation.
        let limitation: String?
        let yaml: String
    }

    static let casesURL = ScenarioLoadingTests.scenariosDirectory.deletingLastPathComponent()
        .appendingPathComponent("Tests/schema-cases.json")

    static func cases() throws -> [Case] {
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: casesURL)) as? [String: Any])
        let base = try #require(file["base"] as? String)
        return try #require(file["cases"] as? [[String: Any]]).map { entry in
            let edits = try #require(entry["edit"] as? [String: String])
            var yaml = base
            for (old, new) in edits {
                let range = try #require(yaml.range(of: old), "'\(old)' is not in the base scenario")
                yaml.replaceSubrange(range, with: new)
            }
            return Case(edits: edits, acd: entry["acd"] as? String, limitation: entry["schema"] as? String, yaml: yaml)
        }
    }

    @Test func schemaAndLoaderAgreeOnEveryCase() throws {
        let validator = SchemaValidator(root: try SchemaTests.schema())
        let cases = try Self.cases()
        #expect(cases.count > 50)
        for c in cases {
            let message = SchemaTests.message(c.yaml)
            if let expected = c.acd {
                #expect(message?.contains(expected) == true, "\(c.edits): \(message ?? "loads")")
            } else {
                #expect(message == nil, "\(c.edits): \(message ?? "")")
            }
            let valid = try validator.isValid(JSONInstance(yaml: c.yaml))
            if let why = c.limitation {
                #expect(valid != (message == nil), "\(c.edits): no longer a disagreement (\(why))")
            } else {
                #expect(valid == (message == nil), "\(c.edits): the schema \(valid ? "accepts" : "rejects") it, acd \(message ?? "loads it")")
            }
        }
    }

    /// The base of the cases is valid to both, so each case's verdict comes from its edit.
    @Test func baseScenarioIsValid() throws {
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.casesURL)) as? [String: Any])
        let base = try #require(file["base"] as? String)
        #expect(SchemaTests.message(base) == nil)
        #expect(try SchemaValidator(root: SchemaTests.schema()).isValid(JSONInstance(yaml: base)))
    }

    /// Every shipped scenario is valid under the schema.
    @Test func shippedScenariosAreValid() throws {
        let validator = SchemaValidator(root: try SchemaTests.schema())
        let directory = ScenarioLoadingTests.scenariosDirectory
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(!names.isEmpty)
        for name in names {
            let yaml = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            #expect(try validator.isValid(JSONInstance(yaml: yaml)), "\(name)")
        }
    }

    /// The schema's limits are the loader's constants.
    @Test func schemaBoundsAreTheLoadersLimits() throws {
        func number(_ path: String, _ keyword: String, branch: Int? = nil) throws -> Double? {
            var node = try SchemaTests.node(path)
            if let branch {
                let options = try #require((node["anyOf"] ?? node["oneOf"]) as? [[String: Any]])
                node = options[branch]
            }
            return (node[keyword] as? NSNumber)?.doubleValue
        }
        #expect(try number("$defs/duration", "maximum", branch: 0) == ScenarioLimits.longestDuration)
        #expect(try number("$defs/repeatPeriod", "minimum", branch: 0) == ScenarioLimits.shortestRepeat)
        #expect(try number("$defs/clockDuration", "minimum", branch: 0) == ScenarioLimits.clockResolution)
        #expect(try number("properties/name", "maxLength") == Double(ScenarioLimits.longestName))
        for channel in ["voice", "chat", "email", "callback"] {
            let maximum = try number("$defs/capacity/properties/\(channel)", "maximum")
            #expect(maximum == Double(ScenarioLimits.mostCapacity), "\(channel)")
        }
        #expect(try number("properties/replications", "maximum") == Double(ScenarioLimits.mostReplications))
        for path in ["$defs/group/properties/count", "$defs/group/properties/headcount/items", "$defs/shift/properties/count"] {
            #expect(try number(path, "maximum") == Double(ScenarioLimits.mostAgents), "\(path)")
        }
        #expect(try number("$defs/arrivals/properties/rate_per_hour", "maximum", branch: 0) == ScenarioLimits.highestRatePerHour)
        let rates = try #require(try SchemaTests.node("$defs/arrivals/properties/rate_per_hour")["oneOf"] as? [[String: Any]])
        #expect(((rates[1]["items"] as? [String: Any])?["maximum"] as? NSNumber)?.doubleValue == ScenarioLimits.highestRatePerHour)
    }
}
