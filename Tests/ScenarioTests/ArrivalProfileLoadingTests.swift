import Foundation
import Simulation
import Testing
@testable import Scenario

/// `arrivals: { profile: file.csv }` in a scenario: where the file is found,
/// how it combines with the other arrival keys, the errors that point at the
/// scenario, and the shipped example giving exactly the inline profile.
@Suite struct ArrivalProfileLoadingTests {
    /// A fresh directory holding `files` (relative path → text).
    static func directory(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acd-profile-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// Two queues; `main`'s arrivals on line 5, from column 15.
    static func yaml(_ main: String, other: String = "{ rate_per_hour: 60 }", duration: String = "1h") -> String {
        """
        name: s
        duration: \(duration)
        queues:
          - name: main
            arrivals: \(main)
            handle_time: { dist: exponential, mean: 180s }
          - name: other
            arrivals: \(other)
            handle_time: { dist: exponential, mean: 180s }
        agents:
          - group: all
            count: 5
            skills: { main: 1, other: 1 }
        """
    }

    static let halfHours = "start,calls\n00:00,30\n00:30,60\n"

    static func load(_ yaml: String, in dir: String, profiles: ProfileReading = .fromDisk) throws -> SimulationModel {
        try Scenario.parse(yaml, file: dir + "/s.yaml", profiles: profiles).model
    }

    static func error(_ yaml: String, in dir: String) -> ScenarioError? {
        #expect(throws: ScenarioError.self) { try Self.load(yaml, in: dir) }
    }

    // MARK: - Finding the file

    @Test func aRelativePathStartsAtTheScenariosDirectoryAndAnAbsoluteOneIsKept() throws {
        let dir = try Self.directory(["forecasts/main.csv": Self.halfHours])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for path in ["forecasts/main.csv", "./forecasts/main.csv", dir + "/forecasts/main.csv"] {
            let main = try Self.load(Self.yaml("{ profile: \(path) }"), in: dir).queues[0]
            #expect(main.ratesPerSecond == [30.0 / 1800, 60.0 / 1800], "\(path)")
            #expect(main.arrivalIntervalSeconds == 1800)
        }
    }

    @Test func aFileThatCannotBeReadIsReportedAtTheScenariosField() throws {
        let dir = try Self.directory(["forecasts/main.csv": Self.halfHours])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x73, 0x74, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: dir + "/latin1.csv"))
        let cases = [
            ("none.csv", "cannot read the arrival profile \(dir)/none.csv: no such file"),
            ("forecasts", "cannot read the arrival profile \(dir)/forecasts: a directory, not a file"),
            ("\"\"", "must not be empty"),
        ]
        for (path, message) in cases {
            let e = Self.error(Self.yaml("{ profile: \(path) }"), in: dir)
            #expect(e?.file == dir + "/s.yaml")
            #expect(e?.line == 5 && e?.column == 26, "\(path)")  // "    arrivals: { profile: " is 25 characters
            #expect(e?.path == "queues[0].arrivals.profile")
            #expect(e?.message == message)
        }
    }

    /// Bytes that are not UTF-8 are reported in the profile, where they are:
    /// 0xFF after "st" (line 1, column 3); "é" before them counts as one column.
    @Test func bytesThatAreNotUTF8AreReportedWhereTheyAre() throws {
        let dir = try Self.directory(["x.csv": "start,calls\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x73, 0x74, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: dir + "/latin1.csv"))
        let e = Self.error(Self.yaml("{ profile: latin1.csv }"), in: dir)
        #expect(e?.description == "\(dir)/latin1.csv:1:3: not UTF-8 text (byte 0xFF)")
        let error = TextFile.notUTF8(Array("start,calls\n00:00,5 é".utf8) + [0xC3, 0x28])
        #expect(error.line == 2 && error.column == 10 && error.reason == "not UTF-8 text (byte 0xC3)")
        #expect(TextFile.notUTF8(Array("ab".utf8) + [0xE2, 0x82]).reason == "not UTF-8 text (byte 0xE2)")
    }

    @Test func aProblemInTheFileNamesTheFileLineAndColumn() throws {
        let dir = try Self.directory(["forecasts/main.csv": "start,calls\n00:00,30\n00:30,-1\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = Self.error(Self.yaml("{ profile: forecasts/main.csv }"), in: dir)
        #expect(e?.description == "\(dir)/forecasts/main.csv:3:7: calls '-1': expected a number ≥ 0")
    }

    @Test func rateListAndProfileExcludeEachOtherAndOneIsRequired() throws {
        let dir = try Self.directory(["p.csv": Self.halfHours])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let both = Self.error(Self.yaml("{ rate_per_hour: 60, profile: p.csv }"), in: dir)
        #expect(both?.line == 5 && both?.column == 15)
        #expect(both?.path == "queues[0].arrivals")
        #expect(both?.message == "give either 'rate_per_hour' or 'profile', not both")
        let neither = Self.error(Self.yaml("{ interval: 30m }"), in: dir)
        #expect(neither?.line == 5 && neither?.column == 15)
        #expect(neither?.message == "missing required key 'rate_per_hour' (or 'profile', a CSV file)")
    }

    // MARK: - With the other arrival keys

    @Test func aProfileCombinesWithIntervalVolumeCVAndSurges() throws {
        let dir = try Self.directory(["p.csv": "start,calls\n0m,15\n15m,30\n30m,15\n45m,30\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let arrivals = "{ profile: p.csv, interval: 15m, volume_cv: 0.1, surges: [{ from: 30m, to: 2h, factor: 2 }] }"
        let main = try Self.load(Self.yaml(arrivals), in: dir).queues[0]
        let rates: [Double] = [15, 30, 15, 30].map { $0 / 900 }
        #expect(main.ratesPerSecond == rates)
        #expect(main.arrivalIntervalSeconds == 900)
        #expect(main.volumeCV == 0.1)
        #expect(main.surges == [Surge(start: 1800, end: 7200, factor: 2)])
        // Without `interval`, the rows' step, not the scenario's 30m.
        #expect(try Self.load(Self.yaml("{ profile: p.csv }"), in: dir).queues[0].arrivalIntervalSeconds == 900)
    }

    @Test func aGivenIntervalMustBeTheRowsStep() throws {
        let dir = try Self.directory(["p.csv": Self.halfHours])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let e = Self.error(Self.yaml("{ profile: p.csv, interval: 15m }"), in: dir)
        #expect(e?.line == 5 && e?.column == 43)  // "    arrivals: { profile: p.csv, interval: " is 42 characters
        #expect(e?.path == "queues[0].arrivals.interval")
        #expect(e?.message == "the rows of \(dir)/p.csv are 30m apart; give that or leave 'interval' out")
    }

    @Test func aSingleRowTakesTheGivenOrTheScenariosInterval() throws {
        let dir = try Self.directory(["one.csv": "start,calls\n00:00,40\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let given = try Self.load(Self.yaml("{ profile: one.csv, interval: 20m }"), in: dir).queues[0]
        #expect(given.ratesPerSecond == [1.0 / 30])  // 40 calls in 20 minutes
        #expect(given.arrivalIntervalSeconds == 1200)
        let scenarios = try Self.load(Self.yaml("{ profile: one.csv }"), in: dir).queues[0]
        #expect(scenarios.ratesPerSecond == [40.0 / 1800])
        #expect(scenarios.arrivalIntervalSeconds == 1800)
    }

    /// A profile, like an inline list, gives one value per interval of the
    /// run or one day's, which repeats each day; another length would
    /// repeat part-way through the run without a word.
    @Test func aProfileCoversTheRunOrADayLikeAnInlineList() throws {
        let day = (0..<48).map { "\(ArrivalProfileCSV.clockText(Double($0) * 1800)),\($0 < 16 ? 60 : 0)" }.joined(separator: "\n")
        let dir = try Self.directory(["p.csv": "start,rate_per_hour\n00:00,60\n00:30,0\n", "day.csv": "start,rate_per_hour\n" + day])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let short = Self.error(Self.yaml("{ profile: p.csv }", duration: "2h"), in: dir)
        #expect(short?.path == "queues[0].arrivals.profile")
        #expect(short?.message == "2 rows of \(dir)/p.csv, 30m each, cover 1h of the 2h run: give one per 30m of the run (4), "
                    + "one day's (48, repeated daily) or a single value")
        let inline = Self.error(Self.yaml("{ rate_per_hour: [60, 0] }", duration: "2h"), in: dir)
        #expect(inline?.path == "queues[0].arrivals.rate_per_hour")
        #expect(inline?.message.hasPrefix("2 rates, 30m each, cover 1h of the 2h run") == true)
        // Over two days: 60/h for the first 8 hours of each.
        let fromFile = try Self.load(Self.yaml("{ profile: day.csv }", duration: "2d"), in: dir).queues[0]
        let process = ArrivalProcess(ratesPerSecond: fromFile.ratesPerSecond,
                                     intervalSeconds: fromFile.arrivalIntervalSeconds, end: 2 * 86_400)
        #expect(process.expectedArrivals(from: 0, to: 2 * 86_400) == 2 * 8 * 60)
        #expect(process.expectedArrivals(from: 86_400, to: 86_400 + 1800) == 30)
    }

    // MARK: - One file, several queues

    @Test func queuesNamingTheSameFileShareItThroughItsQueueColumn() throws {
        let csv = "queue,start,rate_per_hour\nmain,00:00,60\nother,00:00,120\nmain,00:30,30\nother,00:30,0\n"
        let dir = try Self.directory(["all.csv": csv])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Self.load(Self.yaml("{ profile: all.csv }", other: "{ profile: ./all.csv }"), in: dir)
        #expect(model.queues[0].ratesPerSecond == [60.0 / 3600, 30.0 / 3600])
        #expect(model.queues[1].ratesPerSecond == [120.0 / 3600, 0])
        // `other` takes its arrivals inline: its rows in the file are an error, not ignored.
        let e = Self.error(Self.yaml("{ profile: all.csv }"), in: dir)
        #expect(e?.description == "\(dir)/all.csv:3:1: queue 'other' does not take its arrivals from this file; queues that do: main")
    }

    // MARK: - Routing only

    @Test func skippingProfilesLoadsTheRoutingWithoutOpeningAnyFile() throws {
        let dir = try Self.directory(["x.csv": "start,calls\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let model = try Self.load(Self.yaml("{ profile: /etc/passwd }", other: "{ profile: none.csv }"), in: dir,
                                  profiles: .skip)
        #expect(model.queues.map(\.ratesPerSecond) == [[], []])
        #expect(model.queues.map(\.arrivalIntervalSeconds) == [1800, 1800])
        #expect(model.routing.queues.map(\.id) == ["main", "other"])
        // Still checked: the keys and their types.
        #expect(throws: ScenarioError.self) {
            try Self.load(Self.yaml("{ profile: [a.csv] }"), in: dir, profiles: .skip)
        }
    }

    // MARK: - The shipped example

    /// `utility-hotline.yaml` with the outage queue's inline list replaced by
    /// `profile: profiles/utility-hotline-outage.csv`, as if beside it.
    static func hotlineWithOutageProfile() throws -> (inline: SimulationModel, profile: SimulationModel) {
        let directory = ScenarioLoadingTests.scenariosDirectory.path
        let text = try String(contentsOfFile: directory + "/utility-hotline.yaml", encoding: .utf8)
        let list = try #require(text.range(of: "rate_per_hour: [107,"))
        let end = try #require(text[list.upperBound...].firstIndex(of: "]"))
        let replaced = text.replacingCharacters(in: list.lowerBound...end, with: "profile: profiles/utility-hotline-outage.csv")
        #expect(replaced.components(separatedBy: "profile: profiles/").count == 2)
        return (try Scenario.parse(text, file: directory + "/utility-hotline.yaml").model,
                try Scenario.parse(replaced, file: directory + "/utility-hotline-with-profile.yaml").model)
    }

    @Test func theShippedProfileGivesTheInlineRatesExactly() throws {
        let (inline, profile) = try Self.hotlineWithOutageProfile()
        #expect(profile.queues[0].name == "outage")
        #expect(profile.queues[0].ratesPerSecond.count == 48)
        #expect(profile.queues.map(\.ratesPerSecond) == inline.queues.map(\.ratesPerSecond))
        #expect(profile.queues.map(\.arrivalIntervalSeconds) == inline.queues.map(\.arrivalIntervalSeconds))
    }

    @Test func theShippedProfileSimulatesExactlyAsTheInlineList() throws {
        var (inline, profile) = try Self.hotlineWithOutageProfile()
        inline.replications = 2
        profile.replications = 2
        let a = try Simulator(model: inline).run()
        let b = try Simulator(model: profile).run()
        #expect(a.simulatedCalls > 20_000)
        #expect(a == b)
    }
}
