import Yams
import Testing
@testable import Scenario

@Suite struct YAMLValueTests {
    @Test func durationsAcceptUnitsAndPlainSeconds() throws {
        let doc = try YAMLValue.parse("a: 9h\nb: 30m\nc: 45s\nd: 12.5\ne: 250ms\nf: 1.5h\n", file: "t.yaml")
        let f = try doc.mapping(allowed: ["a", "b", "c", "d", "e", "f"])
        #expect(try f.required("a").duration() == 32_400)
        #expect(try f.required("b").duration() == 1_800)
        #expect(try f.required("c").duration() == 45)
        #expect(try f.required("d").duration() == 12.5)
        #expect(try f.required("e").duration() == 0.25)
        #expect(try f.required("f").duration() == 5_400)
    }

    @Test(arguments: [
        ("16h30m", 59_400.0), ("1d2h", 93_600), ("1m30.5s", 90.5), ("2s250ms", 2.25), ("1h0m15s", 3_615),
        ("-1h30m", -5_400), ("0.5d", 43_200), ("1e3", 1_000),
    ])
    func compoundDurationsAddTheirParts(_ text: String, _ seconds: Double) throws {
        let doc = try YAMLValue.parse("a: \(text)\n", file: "t.yaml")
        #expect(try doc.mapping(allowed: ["a"]).required("a").duration() == seconds)
    }

    @Test(arguments: ["30m16h", "1h1h", "16h30", "16h 30m", "h", "1x", "1.5.h", "1h-30m", "nan", "inf", "1e3s", "30mm"])
    func durationTextsThatAreNotDurations(_ text: String) throws {
        let doc = try YAMLValue.parse("a: \(text)\n", file: "t.yaml")
        #expect(throws: ScenarioError.self) { try doc.mapping(allowed: ["a"]).required("a").duration() }
    }

    @Test func badDurationNamesFileLineColumnAndPath() throws {
        let doc = try YAMLValue.parse("queues:\n  - name: main\n    wait: 3 minutes\n", file: "s.yaml")
        let queue = try doc.mapping(allowed: ["queues"]).required("queues").list()[0]
        let wait = try queue.mapping(allowed: ["name", "wait"]).required("wait")
        #expect(throws: ScenarioError(file: "s.yaml", line: 3, column: 11, path: "queues[0].wait",
            message: "expected a duration such as 45s, 30m, 9h, 16h30m or a number of seconds, got '3 minutes'")) {
            try wait.duration()
        }
    }

    @Test func unknownKeyIsAnErrorAtTheKeyWithASuggestion() throws {
        let doc = try YAMLValue.parse("name: x\nreplicatons: 3\n", file: "s.yaml")
        let error = #expect(throws: ScenarioError.self) {
            try doc.mapping(allowed: ["name", "replications"])
        }
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.path == "replicatons")
        #expect(error?.description.contains("did you mean 'replications'?") == true)
    }

    @Test func missingKeyAndWrongTypeAreErrors() throws {
        let doc = try YAMLValue.parse("count: many\n", file: "s.yaml")
        let fields = try doc.mapping(allowed: ["count", "name"])
        #expect(throws: ScenarioError.self) { try fields.required("name") }
        let error = #expect(throws: ScenarioError.self) { try fields.required("count").integer() }
        #expect(error?.description == "s.yaml:1:8: count: expected a whole number, got 'many'")
    }

    /// The value of `a` in `yaml`.
    static func value(_ yaml: String) throws -> YAMLValue {
        try YAMLValue.parse(yaml, file: "t.yaml").mapping(allowed: ["a"]).required("a")
    }

    /// Numbers and booleans are written plain: quoted, YAML and the schema read a string.
    @Test(arguments: [
        ("a: \"2\"\n", "number", "expected a number, got the quoted string '2': remove the quotes"),
        ("a: '2'\n", "integer", "expected a whole number, got the quoted string '2': remove the quotes"),
        ("a: \"7\"\n", "seed", "expected a seed, got the quoted string '7': remove the quotes"),
        ("a: \"true\"\n", "boolean", "expected true or false, got the quoted string 'true': remove the quotes"),
        ("a: |\n  2\n", "integer", "expected a whole number, got a block scalar ('|' or '>'): write it on the key's line"),
        ("a: \"12.5\"\n", "duration", "expected a duration, got the quoted string '12.5': remove the quotes or add a unit (12.5s)"),
        ("a: \"1e3\"\n", "duration", "expected a duration, got the quoted string '1e3': remove the quotes or add a unit (1e3s)"),
    ])
    func quotedNumbersAndBooleansAreErrors(_ yaml: String, _ type: String, _ message: String) throws {
        let a = try Self.value(yaml)
        let error = #expect(throws: ScenarioError.self) {
            switch type {
            case "number": _ = try a.number()
            case "integer": _ = try a.integer()
            case "seed": _ = try a.seed()
            case "boolean": _ = try a.boolean()
            default: _ = try a.duration()
            }
        }
        #expect(error == ScenarioError(file: "t.yaml", line: 1, column: 4, path: "a", message: message))
    }

    /// A plain value that YAML 1.2 reads as a number, `true`/`false` or null
    /// is no string; `yes`, `no`, `on` and `off` are strings to YAML 1.2.
    @Test func plainNumbersAndBooleansAreNoStrings() throws {
        for (yaml, message) in [("a: 123", "expected a string, got 123, which YAML reads as a number: quote it (\"123\")"),
                                ("a: 1e3", "expected a string, got 1e3, which YAML reads as a number: quote it (\"1e3\")"),
                                ("a: -0.5", "expected a string, got -0.5, which YAML reads as a number: quote it (\"-0.5\")"),
                                ("a: True", "expected a string, got True, which YAML reads as a boolean: quote it (\"True\")"),
                                ("a: null", "expected a string, got null, which YAML reads as null: quote it (\"null\")"),
                                ("a:", "expected a string, got an empty value")] {
            let error = #expect(throws: ScenarioError.self) { try Self.value(yaml + "\n").string() }
            #expect(error?.message == message, "\(yaml)")
        }
        for (yaml, text) in [("a: \"123\"", "123"), ("a: '1e3'", "1e3"), ("a: yes", "yes"), ("a: no", "no"), ("a: off", "off"),
                             ("a: 1_000", "1_000"), ("a: 12:30", "12:30"), ("a: 2026-01-01", "2026-01-01"), ("a: main", "main")] {
            #expect(try Self.value(yaml + "\n").string() == text, "\(yaml)")
        }
    }

    /// Keys are names, as in JSON: `1:` is the level key 1, not a number to quote.
    @Test func mappingKeysAreNamesWhateverYAMLReadsThemAs() throws {
        let doc = try YAMLValue.parse("a: { 1: x, true: y }\n", file: "t.yaml").mapping(allowed: ["a"]).required("a")
        guard case .mapping(let mapping) = doc.node else { Issue.record("not a mapping"); return }
        let keys = try mapping.map { try YAMLValue(node: $0.key, path: "a", file: "t.yaml", isKey: true).string() }
        #expect(keys == ["1", "true"])
    }

    @Test func booleansAreYAMLsAndTheDocumentedWords() throws {
        for (text, value) in [("true", true), ("True", true), ("TRUE", true), ("yes", true), ("on", true),
                              ("false", false), ("False", false), ("FALSE", false), ("no", false), ("off", false)] {
            #expect(try Self.value("a: \(text)\n").boolean() == value, "\(text)")
        }
        for text in ["Yes", "ON", "1", "y"] {
            #expect(throws: ScenarioError.self, "\(text)") { try Self.value("a: \(text)\n").boolean() }
        }
    }

    /// Quoted, a duration is text with a unit, as the schema's pattern has it.
    @Test func quotedDurationsTakeUnits() throws {
        #expect(try Self.value("a: \"45s\"\n").duration() == 45)
        #expect(try Self.value("a: '16h30m'\n").duration() == 59_400)
        #expect(throws: ScenarioError.self) { try Self.value("a: \" 45s\"\n").duration() }
        #expect(throws: ScenarioError.self) { try Self.value("a: +1h\n").duration() }
    }

    @Test func syntaxErrorHasAPosition() {
        let error = #expect(throws: ScenarioError.self) {
            try YAMLValue.parse("a: [1, 2\nb: 3\n", file: "bad.yaml")
        }
        #expect(error?.file == "bad.yaml")
        #expect((error?.line ?? 0) > 0)
    }
}
