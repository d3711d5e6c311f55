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

    @Test func syntaxErrorHasAPosition() {
        let error = #expect(throws: ScenarioError.self) {
            try YAMLValue.parse("a: [1, 2\nb: 3\n", file: "bad.yaml")
        }
        #expect(error?.file == "bad.yaml")
        #expect((error?.line ?? 0) > 0)
    }
}
