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
        let scenario = dir.appendingPathComponent("small.yaml")
        try """
            name: small
            duration: 2h
            warmup: 45m
            replications: 2
            seed: 3
            queues:
              - name: main
                arrivals: { rate_per_hour: 60 }
                handle_time: { dist: exponential, mean: 180s }
                target: { service_level: 0.8, within: 20s }
            agents:
              - group: all
                count: 10
                skills: { main: 1 }
            """.write(to: scenario, atomically: true, encoding: .utf8)
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
        let scenario = dir.appendingPathComponent("twoday.yaml")
        try """
            name: twoday
            duration: 2d
            interval: 12h
            replications: 2
            queues:
              - name: main
                arrivals: { rate_per_hour: 100 }
                handle_time: { dist: exponential, mean: 180s }
                target: { service_level: 0.8, within: 20s }
            agents:
              - group: all
                count: 10
                skills: { main: 1 }
            """.write(to: scenario, atomically: true, encoding: .utf8)
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
