import Foundation
import Testing

/// `acd simulate` with a scenario whose arrivals come from a CSV profile.
@Suite struct ArrivalProfileCommandTests {
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    /// A directory with `inline.yaml` (the utility hotline) and `csv.yaml`
    /// (the same with the outage list as `profile: forecasts/outage.csv`, a
    /// copy of the shipped example, or `csv` if given).
    static func workspace(csv: String? = nil, profile: String = "forecasts/outage.csv") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acd-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("forecasts"), withIntermediateDirectories: true)
        let example = try String(contentsOf: scenarios.appendingPathComponent("profiles/utility-hotline-outage.csv"), encoding: .utf8)
        try Data((csv ?? example).utf8).write(to: dir.appendingPathComponent("forecasts/outage.csv"))
        let text = try String(contentsOf: scenarios.appendingPathComponent("utility-hotline.yaml"), encoding: .utf8)
        let list = try #require(text.range(of: "rate_per_hour: [107,"))
        let end = try #require(text[list.upperBound...].firstIndex(of: "]"))
        try Data(text.utf8).write(to: dir.appendingPathComponent("inline.yaml"))
        try Data(text.replacingCharacters(in: list.lowerBound...end, with: "profile: \(profile)").utf8)
            .write(to: dir.appendingPathComponent("csv.yaml"))
        return dir
    }

    @Test func aProfileBesideTheScenarioGivesTheSameFilesAsTheInlineList() throws {
        let dir = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["inline", "csv"] {
            // From another working directory: the profile is found beside the scenario.
            let r = try CLI.run(["simulate", dir.appendingPathComponent("\(name).yaml").path, "--quiet",
                                 "--replications", "1", "--out", dir.appendingPathComponent("out-\(name)").path],
                                in: URL(fileURLWithPath: "/"))
            #expect(r.status == 0, "\(r.stderr)")
        }
        for file in ["summary.json", "intervals.csv", "agents.csv", "report.html"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("out-inline/\(file)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("out-csv/\(file)"))
            #expect(a.count > 1000)
            #expect(a == b, "\(file) differs")
        }
    }

    @Test func aMissingProfileIsAUsageErrorAtTheScenariosField() throws {
        let dir = try Self.workspace(profile: "forecasts/none.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("csv.yaml").path
        let r = try CLI.run(["simulate", scenario, "--quiet", "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 64)
        // Line 21 of the hotline; "    arrivals: { profile: " is 25 characters.
        #expect(r.stderr == "acd: \(scenario):21:26: queues[0].arrivals.profile: cannot read the arrival profile "
                + "\(dir.path)/forecasts/none.csv: no such file\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func aBadRowIsAUsageErrorAtTheCSVLineAndColumn() throws {
        let dir = try Self.workspace(csv: "start,calls\n00:00,53.5\n00:30,n/a\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["simulate", dir.appendingPathComponent("csv.yaml").path, "--quiet",
                             "--out", dir.appendingPathComponent("out").path])
        #expect(r.status == 64)
        #expect(r.stderr == "acd: \(dir.path)/forecasts/outage.csv:3:7: calls 'n/a': expected a number ≥ 0\n")
    }
}
