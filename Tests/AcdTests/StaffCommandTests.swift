import Foundation
import Testing

@Suite struct StaffCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var hotline: String { root.appendingPathComponent("Scenarios/utility-hotline.yaml").path }

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acd-staff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A one-queue scenario `name`.yaml in `dir`: `top` holds the top-level
    /// lines after `name` (duration, warm-up, interval, replications, seed);
    /// the queue `main` has `arrivals`, exponential handle times of mean
    /// `handle` and, unless `target` is false, 80 % within 20 s; `agents`
    /// lists the agent groups.
    static func scenario(_ name: String, in dir: URL, top: String, arrivals: String = "{ rate_per_hour: 100 }",
                         handle: String = "180s", target: Bool = true,
                         agents: String = "- { group: all, count: 10, skills: { main: 1 } }") throws -> URL {
        let file = dir.appendingPathComponent("\(name).yaml")
        let targetLine = target ? "    target: { service_level: 0.8, within: 20s }\n" : ""
        try """
            name: \(name)
            \(top)
            queues:
              - name: main
                arrivals: \(arrivals)
                handle_time: { dist: exponential, mean: \(handle) }
            \(targetLine)agents:
            \(agents)

            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func erlangWritesTheThreeFilesIdenticallyForTheSameSeed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var contents: [[Data]] = []
        for run in ["a", "b"] {
            let out = dir.appendingPathComponent(run)
            let r = try CLI.run(["staff", Self.hotline, "--replications", "2", "--out", out.path, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("field_desk") && r.stdout.contains("total"))
            contents.append(try ["staffing.csv", "forecast.csv", "report.html"].map {
                try Data(contentsOf: out.appendingPathComponent($0))
            })
        }
        #expect(contents[0] == contents[1])
        let staffing = String(decoding: contents[0][0], as: UTF8.self).split(separator: "\n")
        #expect(staffing.first == "interval,group,required,scheduled")
        #expect(staffing.count == 1 + 48 * 5)
        #expect(String(decoding: contents[0][2], as: UTF8.self).contains("<svg"))

        // The plan feeds acd simulate --staffing.
        let sim = try CLI.run(["simulate", Self.hotline, "--replications", "2", "--staffing",
                               dir.appendingPathComponent("a/staffing.csv").path, "--out", dir.appendingPathComponent("sim").path,
                               "--quiet", "--format", "json"])
        #expect(sim.status == 0, "\(sim.stderr)")
    }

    @Test func shrinkageAndJSON() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["staff", Self.hotline, "--replications", "2", "--shrinkage", "0.3", "--cost", "experts=1.5",
                             "--format", "json", "--out", dir.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let plan = json["plan"] as! [String: Any]
        #expect((plan["scheduled_agent_hours"] as! Double) > (plan["agent_hours"] as! Double) * 1.4)
        // A number, as in summary.json (it was a string here).
        #expect(json["seed"] as? Int == 2026, "\(json["seed"] ?? "none")")
        let bad = try CLI.run(["staff", Self.hotline, "--cost", "nobody=2", "--out", dir.path, "--quiet"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown group nobody"))
    }

    /// A warm-up off the grid gives a first part-interval: the forecast
    /// labels each row with the start of its reporting interval, as the
    /// simulator's intervals.csv does (00:45, then 01:00), not with the start
    /// of the staffing interval holding it (00:30).
    @Test func forecastRowsStartWhereTheirReportingIntervalsStart() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario("small", in: dir, top: "duration: 2h\nwarmup: 45m\nreplications: 2\nseed: 3",
                                         arrivals: "{ rate_per_hour: 60 }")
        let staff = try CLI.run(["staff", scenario.path, "--out", dir.appendingPathComponent("staff").path, "--quiet"])
        #expect(staff.status == 0, "\(staff.stderr)")
        let sim = try CLI.run(["simulate", scenario.path, "--out", dir.appendingPathComponent("sim").path, "--quiet"])
        #expect(sim.status == 0, "\(sim.stderr)")
        func starts(_ file: String) throws -> [String] {
            try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        }
        #expect(try starts("staff/forecast.csv") == ["00:45", "01:00", "01:30"])
        #expect(try starts("sim/intervals.csv") == ["00:45", "01:00", "01:30"])
    }

    /// Past the first day, intervals are labelled 24:00 and on, which
    /// `acd simulate --staffing` reads back: `acd staff`'s plan of a
    /// two-day run feeds the simulator (it wrote `d2 00:00`, which it refused).
    @Test func aTwoDayPlanFeedsTheSimulator() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario("twoday", in: dir, top: "duration: 2d\ninterval: 12h\nreplications: 2")
        let staff = try CLI.run(["staff", scenario.path, "--out", dir.appendingPathComponent("staff").path, "--quiet"])
        #expect(staff.status == 0, "\(staff.stderr)")
        let plan = try String(contentsOf: dir.appendingPathComponent("staff/staffing.csv"), encoding: .utf8)
        #expect(plan.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } } == ["00:00", "12:00", "24:00", "36:00"])
        let sim = try CLI.run(["simulate", scenario.path, "--staffing", dir.appendingPathComponent("staff/staffing.csv").path,
                               "--out", dir.appendingPathComponent("sim").path, "--quiet"])
        #expect(sim.status == 0, "\(sim.stderr)")
        let intervals = try String(contentsOf: dir.appendingPathComponent("sim/intervals.csv"), encoding: .utf8)
        #expect(intervals.contains("\n36:00,main,"))
    }

    /// Names holding commas or quotes are quoted in staffing.csv and
    /// forecast.csv (they were written raw, so rows had extra fields), and
    /// `acd simulate --staffing` reads the quoted plan back.
    @Test func namesWithCommasAndQuotesRoundTripThroughThePlan() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario("quoted", in: dir, top: "duration: 1h\nreplications: 2",
                                         agents: #"- { group: "team \"A\", east", count: 10, skills: { main: 1 } }"#)
        let yaml = try String(contentsOf: scenario, encoding: .utf8).replacingOccurrences(of: "name: main", with: "name: \"sales, north\"")
            .replacingOccurrences(of: "{ main: 1 }", with: "{ \"sales, north\": 1 }")
        try yaml.write(to: scenario, atomically: true, encoding: .utf8)
        let staff = try CLI.run(["staff", scenario.path, "--out", dir.appendingPathComponent("staff").path, "--quiet"])
        #expect(staff.status == 0, "\(staff.stderr)")
        let plan = try String(contentsOf: dir.appendingPathComponent("staff/staffing.csv"), encoding: .utf8)
        #expect(plan.split(separator: "\n")[1].hasPrefix(#"00:00,"team ""A"", east","#), "\(plan)")
        let forecast = try String(contentsOf: dir.appendingPathComponent("staff/forecast.csv"), encoding: .utf8)
        #expect(forecast.split(separator: "\n")[1].hasPrefix(#"00:00,"sales, north","#), "\(forecast)")
        let sim = try CLI.run(["simulate", scenario.path, "--staffing", dir.appendingPathComponent("staff/staffing.csv").path,
                               "--out", dir.appendingPathComponent("sim").path, "--quiet"])
        #expect(sim.status == 0, "\(sim.stderr)")
    }

    /// An out-of-range target option is a usage error naming the option and
    /// its range (it was dropped, and the queue then said it had no target).
    @Test func targetOptionsOutOfRangeNameTheOption() throws {
        let cases: [([String], String)] = [
            (["--max-abandon", "2"], "acd: --max-abandon must be in [0, 1], got 2.0"),
            (["--max-abandon", "-1"], "acd: --max-abandon must be in [0, 1], got -1.0"),
            (["--max-asa", "inf"], "acd: --max-asa must be a number of seconds > 0 and at most 1e9, got inf"),
            (["--max-asa", "1e308"], "acd: --max-asa must be a number of seconds > 0 and at most 1e9, got 1e+308"),
            (["--max-occupancy", "nan"], "acd: --max-occupancy must be in (0, 1], got nan"),
        ]
        for (option, message) in cases {
            let r = try CLI.run(["staff", Self.hotline, "--quiet", "--out", "/nonexistent"] + option)
            #expect(r.status == 64, "\(option)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
    }

    /// A queue with no target from the scenario or the options is named by
    /// file, line, column and field path.
    @Test func aQueueWithoutTargetIsNamedByFileLineAndPath() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario("notarget", in: dir, top: "duration: 1h", target: false,
                                         agents: "- { group: g, count: 5, skills: { main: 1 } }")
        let r = try CLI.run(["staff", scenario.path, "--quiet", "--out", dir.appendingPathComponent("o").path])
        #expect(r.status == 64)
        #expect(r.stderr == "acd: \(scenario.path):4:5: queues[0]: queue main has no target: give it `target:` "
                + "or use --max-asa/--max-abandon/--max-occupancy\n")
        let withOption = try CLI.run(["staff", scenario.path, "--quiet", "--max-asa", "20", "--out", dir.appendingPathComponent("o").path])
        #expect(withOption.status == 0, "\(withOption.stderr)")
    }

    /// The plan costs its scheduled (paid) hours and staffs with the group
    /// cheapest per productive hour: full-timers at 1.2 without shrinkage
    /// (35 agents × 1 h × 1.2 = 42) beat part-timers at 1 with 50 % (70 × 1 = 70).
    @Test func costIsScheduledHoursOfTheGroupCheapestPerProductiveHour() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario("cost-shr", in: dir, top: "duration: 1h\ninterval: 30m\nreplications: 2",
                                         arrivals: "{ rate_per_hour: 600 }", agents: """
                                             - { group: parttimers, count: 0, skills: { main: 5 }, shrinkage: 0.5, cost: 1.0 }
                                             - { group: fulltimers, count: 0, skills: { main: 5 }, shrinkage: 0, cost: 1.2 }
                                             """)
        let json = try CLI.json(["staff", scenario.path, "--quiet", "--format", "json", "--out", dir.appendingPathComponent("o").path])
        let plan = json["plan"] as! [String: Any]
        #expect(plan["agent_hours"] as? Double == 35 && plan["scheduled_agent_hours"] as? Double == 35)
        #expect(abs((plan["cost"] as! Double) - 42) < 1e-9)
        let groups = json["groups"] as! [[String: Any]]
        #expect(groups.map { $0["required"] as! [Int] } == [[0, 0], [35, 35]])
        let shrunk = try CLI.json(["staff", scenario.path, "--quiet", "--format", "json", "--shrinkage", "fulltimers=0.5",
                                   "--out", dir.appendingPathComponent("o").path])
        // Both at 50 %: part-timers are cheaper, 70 scheduled agent-hours at 1.
        #expect((shrunk["groups"] as! [[String: Any]]).map { $0["required"] as! [Int] } == [[35, 35], [0, 0]])
        #expect(abs(((shrunk["plan"] as! [String: Any])["cost"] as! Double) - 70) < 1e-9)
    }

    /// forecast.csv: `meets_target` is the mean meeting the target,
    /// `ci_reaches_target` the lenient CI-high criterion; an interval whose
    /// mean misses while its CI reaches the target says no / yes.
    @Test func forecastSaysWhetherTheMeanMeetsTheTargetAndWhetherTheCIReachesIt() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario("meets", in: dir, top: "duration: 2h\ninterval: 30m\nreplications: 10\nseed: 3",
                                         arrivals: "{ rate_per_hour: [400, 200, 400, 200, 400, 200, 400, 200], interval: 15m }",
                                         handle: "60s", agents: "- { group: all, count: 7, skills: { main: 1 } }")
        let r = try CLI.run(["staff", scenario.path, "--quiet", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOf: dir.appendingPathComponent("forecast.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",")
        #expect(header.suffix(2) == ["meets_target", "ci_reaches_target"])
        var lenientOnly = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            let mean = Double(f[3])!, high = Double(f[5])!, target = Double(f[6])!
            #expect(f[10] == (mean >= target ? "yes" : "no"), "\(line)")
            #expect(f[11] == (high >= target ? "yes" : "no"), "\(line)")
            if f[10] == "no" && f[11] == "yes" { lenientOnly += 1 }
        }
        #expect(lenientOnly > 0)
    }

    @Test func simulateStaffingNamesFileAndLineOfAnUnknownGroup() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan.csv")
        try "interval,group,headcount\n08:00,field_desk,20\n08:30,nobody,3\n".write(to: plan, atomically: true, encoding: .utf8)
        let r = try CLI.run(["simulate", Self.hotline, "--replications", "1", "--staffing", plan.path, "--out", dir.path, "--quiet"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("plan.csv:3:7: unknown group nobody"), "\(r.stderr)")
    }
}
