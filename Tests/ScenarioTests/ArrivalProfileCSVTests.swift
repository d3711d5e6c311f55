import Testing
@testable import Scenario

/// The CSV arrival profile on its own: hand-written files to exact rates,
/// and every problem at its file, line and column.
@Suite struct ArrivalProfileCSVTests {
    static func profile(_ csv: String, queue: String = "main", sharing: [String] = ["main"],
                        singleRowInterval: Double = 1800) throws -> ArrivalProfile {
        try ArrivalProfileCSV.profile(csv, file: "p.csv", queue: queue, sharing: sharing,
                                      singleRowInterval: singleRowInterval)
    }

    // MARK: - Rates

    @Test func ratesPerHourBecomeExactRatesPerSecond() throws {
        let p = try Self.profile("start,rate_per_hour\n00:00,120\n00:30,90\n01:00,0\n01:30,36\n")
        // 120/h = 1/30 per second, 90/h = 0.025, 36/h = 0.01.
        #expect(p.ratesPerSecond == [1.0 / 30, 0.025, 0, 0.01])
        #expect(p.intervalSeconds == 1800)
    }

    @Test func callsAreDividedByTheIntervalTheRowsSpan() throws {
        let calls = try Self.profile("start,calls\n0s,30\n15m,45\n30m,0\n45m,9\n")
        // 30 calls in 15 minutes = 1/30 per second, 45 = 0.05, 9 = 0.01.
        #expect(calls.ratesPerSecond == [1.0 / 30, 0.05, 0, 0.01])
        #expect(calls.intervalSeconds == 900)
        // The same traffic per hour (×4) gives the same rates, bit for bit.
        let perHour = try Self.profile("start,rate_per_hour\n0s,120\n15m,180\n30m,0\n45m,36\n")
        #expect(perHour == calls)
    }

    @Test func aSingleRowHasNoStepAndItsCallsUseTheGivenInterval() throws {
        let calls = try Self.profile("start,calls\n00:00,40\n", singleRowInterval: 1200)
        #expect(calls.ratesPerSecond == [1.0 / 30])  // 40 calls in 20 minutes
        #expect(calls.intervalSeconds == nil)
        let perHour = try Self.profile("start,rate_per_hour\n00:00,120\n", singleRowInterval: 1200)
        #expect(perHour.ratesPerSecond == [1.0 / 30])
    }

    @Test func startsAsClockTimesOrDurationsAreTheSame() throws {
        let clock = try Self.profile("start,calls\n00:00,1\n08:30,2\n17:00,3\n25:30,4\n")
        let durations = try Self.profile("start,calls\n0s,1\n8h30m,2\n17h,3\n1d1h30m,4\n")
        #expect(clock == durations)
        #expect(clock.intervalSeconds == 30_600)
        let step: Double = 30_600
        #expect(clock.ratesPerSecond == [1 / step, 2 / step, 3 / step, 4 / step])
    }

    @Test(arguments: [
        ("00:00", 0.0), ("8:30", 30_600), ("25:30", 91_800), ("8h30m", 30_600), ("90m", 5_400),
        ("1d2h", 93_600), ("0s", 0), ("45s", 45), ("1h0m15s", 3_615), ("8:30:15", 30_615),
    ])
    func startTexts(_ text: String, _ seconds: Double) {
        #expect(ArrivalProfileCSV.startSeconds(text) == seconds)
    }

    @Test(arguments: ["", "8", "8h30", "30m8h", "h", "8.5h", "-1h", "8:3", "8h 30m", "1h1h", "08:60", "8:30:0",
                      "250ms", "1s500ms", "-00:30", "+00:30", "-0:30"])
    func startTextsThatAreNotStarts(_ text: String) {
        #expect(ArrivalProfileCSV.startSeconds(text) == nil)
    }

    @Test func exportNoiseIsTolerated() throws {
        // Byte-order mark, CRLF, comments, blank and all-empty lines, capitalised header, spaces.
        let csv = "\u{FEFF}# forecast of 2026-12-01\r\nStart, Calls\r\n\r\n00:00, 1\r\n,\r\n 00:30 ,2\r\n"
        let p = try Self.profile(csv)
        #expect(p.ratesPerSecond == [1.0 / 1800, 2.0 / 1800])
        #expect(p.intervalSeconds == 1800)
    }

    @Test func aQueueColumnServesSeveralQueuesFromOneFile() throws {
        let csv = "queue,start,rate_per_hour\nmain,00:00,60\nother,00:00,120\nmain,00:30,30\nother,00:30,0\n"
        let main = try Self.profile(csv, queue: "main", sharing: ["main", "other"])
        let other = try Self.profile(csv, queue: "other", sharing: ["main", "other"])
        #expect(main.ratesPerSecond == [60.0 / 3600, 30.0 / 3600])
        #expect(other.ratesPerSecond == [120.0 / 3600, 0])
        #expect(main.intervalSeconds == 1800 && other.intervalSeconds == 1800)
    }

    // MARK: - Problems

    /// Each bad file with the line, column and message of its error.
    static let problems: [(csv: String, line: Int, column: Int, message: String)] = [
        ("", 1, 1, "the profile is empty: expected a header row such as start,calls"),
        ("# nothing but a comment\n\n", 1, 1, "the profile is empty: expected a header row such as start,calls"),
        ("start,calls\n", 1, 1, "no rows after the header"),
        ("# made by hand\nstart,calls\n\n", 2, 1, "no rows after the header"),
        ("start\n00:00\n", 1, 1, "missing column 'rate_per_hour' or 'calls'"),
        ("calls\n5\n", 1, 1, "missing column 'start'"),
        ("start,calls,forecast\n00:00,5,5\n", 1, 13,
         "unknown column 'forecast'; columns: start, rate_per_hour or calls, queue (optional)"),
        ("start,calls,\n00:00,5,\n", 1, 13, "unknown column ''; columns: start, rate_per_hour or calls, queue (optional)"),
        ("start,calls,rate_per_hour\n", 1, 13, "give either 'rate_per_hour' or 'calls', not both"),
        ("start,calls,Start\n", 1, 13, "column 'start' appears twice"),
        ("start,calls\n00:00,5,1\n", 2, 1, "expected 2 fields (start,calls), got 3"),
        ("start,calls\n00:00\n", 2, 1, "expected 2 fields (start,calls), got 1"),
        ("start,calls\n00:00,many\n", 2, 7, "calls 'many': expected a number ≥ 0"),
        ("start,calls\n00:00, \n", 2, 7, "calls '': expected a number ≥ 0"),
        ("start,calls\n00:00,  nan\n", 2, 9, "calls 'nan': expected a number ≥ 0"),
        ("start,calls\n00:00,0x10\n", 2, 7, "calls '0x10': expected a number ≥ 0"),
        ("start,rate_per_hour\n00:00,-4\n", 2, 7, "rate_per_hour '-4': expected a number ≥ 0"),
        ("start,calls\n8.30,5\n", 2, 1, "start '8.30': expected HH:MM or a duration such as 8h30m"),
        ("start,calls\n00:30,5\n", 2, 1, "the first start must be 00:00 (the start of the run), got 00:30"),
        ("start,calls\n00:00,5\n00:30,5\n00:30,6\n", 4, 1, "start 00:30 appears twice (also on line 3)"),
        ("start,calls\n00:00,5\n00:30,5\n01:00,5\n00:00,6\n", 5, 1, "start 00:00 appears twice (also on line 2)"),
        ("start,calls\n00:00,5\n00:30,5\n00:15,6\n", 4, 1, "starts must increase: 00:15 after 00:30"),
        ("start,calls\n00:00,5\n00:30,5\n01:30,6\n", 4, 1, "rows must be one interval (30m) apart: expected 01:00, got 01:30"),
        ("start,calls\n0s,5\n1h30m,5\n3h,6\n4h,6\n", 5, 1, "rows must be one interval (1h30m) apart: expected 04:30, got 4h"),
        ("start,calls\n00:00,0\n00:30,0\n", 2, 7, "all values of 'calls' are 0; at least one must be positive"),
        ("queue,start,calls\nmain,00:00,5\nmian,00:00,5\n", 3, 1,
         "queue 'mian' does not take its arrivals from this file; queues that do: main"),
        ("queue,start,calls\nmain,00:00,5\nmain,00:30,5\nmain,00:15,5\n", 4, 6,
         "starts must increase for queue 'main': 00:15 after 00:30"),
        ("queue,start,rate_per_hour\nmain,00:00,0\n", 2, 12,
         "all values of 'rate_per_hour' for queue 'main' are 0; at least one must be positive"),
        ("start,rate_per_hour\n00:00,100\n00:30,10000001\n", 3, 7, "rate_per_hour 10000001.0 is 10000001.0 contacts per hour: at most 1e7"),
        ("start,calls\n00:00,100\n00:30,5000001\n", 3, 7, "calls 5000001.0 is 10000002.0 contacts per hour: at most 1e7"),
    ]

    @Test(arguments: problems.indices)
    func aProblemIsReportedAtItsLineAndColumn(_ k: Int) {
        let problem = Self.problems[k]
        let error = #expect(throws: ScenarioError.self) { try Self.profile(problem.csv) }
        #expect(error?.file == "p.csv")
        #expect(error?.line == problem.line, "\(problem.csv)")
        #expect(error?.column == problem.column, "\(problem.csv)")
        #expect(error?.path == "")
        #expect(error?.message == problem.message)
    }

    @Test func everyQueuesRowsAreCheckedWhicheverQueueReadsTheFile() {
        let csv = "queue,start,calls\nmain,00:00,5\nother,00:00,5\nother,00:00,6\n"
        let error = #expect(throws: ScenarioError.self) {
            try Self.profile(csv, queue: "main", sharing: ["main", "other"])
        }
        #expect(error?.line == 4 && error?.column == 7)
        #expect(error?.message == "start 00:00 appears twice for queue 'other' (also on line 3)")
    }

    @Test func aQueueWithoutRowsInASharedFileIsReportedAtTheQueueColumn() {
        let csv = "start,queue,calls\n00:00,other,5\n"
        let error = #expect(throws: ScenarioError.self) {
            try Self.profile(csv, queue: "main", sharing: ["main", "other"])
        }
        #expect(error?.line == 1 && error?.column == 7)
        #expect(error?.message == "no rows for queue 'main'")
    }
}
