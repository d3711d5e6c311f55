import Foundation
import Testing

/// `acd simulate` as a user runs it: files, JSON, determinism, errors.
@Suite struct SimulateCommandTests {
    static let scenario = """
        name: small
        duration: 2h
        warmup: 30m
        replications: 3
        seed: 4
        queues:
          - name: main
            arrivals: { rate_per_hour: 600 }
            handle_time: { dist: exponential, mean: 180s }
            patience: { dist: exponential, mean: 120s }
            target: { service_level: 0.8, within: 20s }
        agents:
          - group: all
            count: 32
            skills: { main: 1 }

        """

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("acd-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func writesTheFourFilesByteIdenticallyForTheSameSeed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("small.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        for run in ["a", "b"] {
            let r = try CLI.run(["simulate", file.path, "--quiet", "--out", dir.appendingPathComponent(run).path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("main"))
        }
        for name in ["summary.json", "intervals.csv", "agents.csv", "report.html"] {
            let a = try Data(contentsOf: dir.appendingPathComponent("a/\(name)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("b/\(name)"))
            #expect(!a.isEmpty)
            #expect(a == b, "\(name) differs between runs")
        }
        let csv = try String(contentsOf: dir.appendingPathComponent("a/intervals.csv"), encoding: .utf8)
        // Three post-warm-up half-hours, one queue.
        #expect(csv.split(separator: "\n").count == 4)
        #expect(csv.hasPrefix("interval_start,queue,offered,service_level"))
        let html = try String(contentsOf: dir.appendingPathComponent("a/report.html"), encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") || !html.contains("<script src"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("small.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        let o = try CLI.json(["simulate", file.path, "--quiet", "--format", "json", "--replications", "2",
                              "--out", dir.appendingPathComponent("o").path])
        #expect(o["scenario"] as? String == "small")
        #expect(o["replications"] as? Int == 2)
        #expect(o["seed"] as? Int == 4)
        let calls = try #require(o["calls"] as? Int)
        #expect(calls > 1500)
        // Warm-up arrivals: Poisson, mean 600/h x 30 min x 2 replications = 600; within 5 sigma.
        let simulated = try #require(o["simulated_calls"] as? Int)
        #expect((478...722).contains(simulated - calls))
        #expect(o["wall_seconds"] is Double)
        let queues = try #require(o["queues"] as? [String: Any])
        let main = try #require(queues["main"] as? [String: Any])
        for key in ["offered", "service_level", "service_level_answered", "asa", "abandon_rate", "aht", "occupancy"] {
            let figure = try #require(main[key] as? [String: Any], "missing \(key)")
            let mean = try #require(figure["mean"] as? Double)
            let low = try #require(figure["ci_low"] as? Double)
            let high = try #require(figure["ci_high"] as? Double)
            #expect(low <= mean && mean <= high)
        }
        #expect(o["overall"] is [String: Any])
    }

    /// With an IVR, `ivr_contained` joins the figures of every output; without
    /// one (above), it appears nowhere.
    @Test func anIVRAddsItsContainedShareToEveryOutput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ivr.yaml")
        let ivr = "    ivr: { containment: 0.25, time: { dist: constant, value: 40s } }\n"
        try Data(Self.scenario.replacingOccurrences(of: "    target:", with: ivr + "    target:").utf8).write(to: file)
        let out = dir.appendingPathComponent("o")
        let o = try CLI.json(["simulate", file.path, "--quiet", "--format", "json", "--out", out.path])
        let queues = try #require(o["queues"] as? [String: Any])
        let main = try #require(queues["main"] as? [String: Any])
        let contained = try #require(main["ivr_contained"] as? [String: Any])
        // About 2,700 contacts over 3 replications: 0.25 within a few percent.
        let mean = try #require(contained["mean"] as? Double)
        #expect(abs(mean - 0.25) < 0.04, "\(mean)")
        #expect(try #require(contained["ci_low"] as? Double) <= mean)
        #expect((try #require(o["overall"] as? [String: Any]))["ivr_contained"] != nil)
        let csv = try String(contentsOf: out.appendingPathComponent("intervals.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first?.hasSuffix(",occupancy,ivr_contained") == true)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 12 })
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"ivr_contained\""))
        let table = try CLI.run(["simulate", file.path, "--quiet", "--replications", "1", "--out", out.path])
        #expect(table.stdout.contains("IVR contained"), "\(table.stdout)")
        // The counted calls leave out those the IVR resolved, and say so.
        #expect(table.stdout.contains(" after warm-up and IVR) over "), "\(table.stdout)")

        let plain = dir.appendingPathComponent("plain.yaml")
        try Data(Self.scenario.utf8).write(to: plain)
        let r = try CLI.run(["simulate", plain.path, "--quiet", "--out", dir.appendingPathComponent("p").path])
        #expect(r.status == 0 && !r.stdout.contains("IVR") && r.stdout.contains(" after warm-up) over "))
        for name in ["summary.json", "intervals.csv", "report.html"] {
            let text = try String(contentsOf: dir.appendingPathComponent("p/\(name)"), encoding: .utf8)
            #expect(!text.contains("ivr_contained") && !text.contains("IVR contained"), "\(name)")
        }
    }

    @Test func aBadScenarioNamesFileLineColumnAndFieldAndExitsNonZero() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        try Data(Self.scenario.replacingOccurrences(of: "mean: 180s", with: "mean: soon").utf8).write(to: file)
        let r = try CLI.run(["simulate", file.path, "--quiet", "--out", dir.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("bad.yaml:9:"), "\(r.stderr)")
        #expect(r.stderr.contains("queues[0].handle_time.mean"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("summary.json").path))
    }

    @Test func contactsLeftWaitingAtTheEndAreReported() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        let nobody = Self.scenario.replacingOccurrences(of: "count: 32", with: "count: 0")
            .replacingOccurrences(of: "    patience: { dist: exponential, mean: 120s }\n", with: "")
        #expect(!nobody.contains("patience") && nobody.contains("count: 0"))
        try Data(nobody.utf8).write(to: file)
        let r = try CLI.run(["simulate", file.path, "--quiet", "--out", dir.path, "--replications", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("contacts of queue 'main' (all replications together) were still waiting when the run ended"),
                "\(r.stderr)")
        // The same count in summary.json: every contact offered after the warm-up, nobody to answer it.
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("summary.json"))) as! [String: Any]
        let unresolved = try #require((summary["unresolved"] as? [String: Any])?["main"] as? Int)
        #expect(unresolved == summary["calls"] as? Int && unresolved > 0)
        #expect(r.stderr.contains("acd: warning: \(unresolved) contacts of queue 'main'"))
    }

    /// An output directory that cannot be used fails before the run, naming
    /// it as given (or the default's path) and why; nothing is written.
    @Test func aBadOutputDirectoryFailsBeforeTheRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        let underFile = file.path + "/out"
        var r = try CLI.run(["simulate", file.path, "--quiet", "--out", underFile])
        #expect(r.status == 64 && r.stdout.isEmpty)
        #expect(r.stderr == "acd: --out \(underFile): cannot create the directory: \(file.path) is a file, not a directory\n")
        r = try CLI.run(["simulate", file.path, "--quiet", "--out", file.path])
        #expect(r.stderr == "acd: --out \(file.path): a file, not a directory\n")
        // The default, Results/<name>/, named by its path.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Results"), withIntermediateDirectories: true)
        try Data().write(to: dir.appendingPathComponent("Results/small"))
        r = try CLI.run(["simulate", file.path, "--quiet"], in: dir)
        #expect(r.stderr == "acd: Results/small: a file, not a directory\n")
    }

    @Test func aFileThatCannotBeReadSaysWhy() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("none.yaml").path
        #expect(try CLI.run(["simulate", missing]).stderr == "acd: \(missing): cannot read the scenario file: no such file\n")
        #expect(try CLI.run(["simulate", dir.path]).stderr
                == "acd: \(dir.path): cannot read the scenario file: a directory, not a file\n")
        let file = dir.appendingPathComponent("s.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        #expect(try CLI.run(["simulate", file.path, "--staffing", missing]).stderr
                == "acd: \(missing): cannot read the staffing plan: no such file\n")
        // A Windows-1252 "é" on line 4: its line and column.
        let latin1 = dir.appendingPathComponent("latin1.yaml")
        try Data("name: m\nduration: 1h\nqueues:\n  - name: main   # caf".utf8 + [0xE9] + Data("\n".utf8)).write(to: latin1)
        #expect(try CLI.run(["simulate", latin1.path]).stderr
                == "acd: \(latin1.path):4:23: cannot read the scenario file: not UTF-8 text (byte 0xE9)\n")
    }

    /// Results a script never received are a failure, not a success.
    @Test func aStandardOutputThatCannotBeWrittenIsAnError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["simulate", file.path, "--quiet", "--format", "json", "--out", dir.path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)  // a failure, not bad input (64)
        #expect(stderr == "acd: cannot write to standard output: No space left on device\n")
    }

    /// A negative count is a bad value, not a missing one; a huge one is refused before anything is allocated.
    @Test(arguments: [("--replications", "-1", "--replications must be 1 to 100000, got -1"),
                      ("--replications", "100000000000", "--replications must be 1 to 100000, got 100000000000"),
                      ("--threads", "-1", "--threads must be at least 1, got -1")])
    func outOfRangeOptionsAreNamed(option: String, value: String, message: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try Data(Self.scenario.utf8).write(to: file)
        let r = try CLI.run(["simulate", file.path, "--quiet", "--out", dir.path, option, value])
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func withoutAScenarioRunsTheEmbeddedUtilityHotline() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["simulate", "--quiet", "--replications", "1", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        for queue in ["outage", "billing", "usage", "new_connections", "complaints"] {
            #expect(r.stdout.contains(queue))
        }
        // The wait-time chart's labels (method and RASE) end inside its 760 px:
        // the longest bars' labels were cut ("last_to_enter_" at x 694).
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        let chart = try #require(html.components(separatedBy: "aria-label=\"wait-time accuracy\"").last)
        let labels = chart.components(separatedBy: "<text x=\"").dropFirst().filter { $0.contains("font-size=\"10\"") }
        #expect(labels.count >= 5)
        for label in labels {
            let x = try #require(Double(label.prefix { $0 != "\"" }))
            let text = label.components(separatedBy: ">")[1].prefix { $0 != "<" }
            #expect(x + Double(text.count) * 10 * 0.62 <= 760, "\(text) at \(x)")
        }
    }

    /// The wait-time chart's bars start after the longest queue name (up to
    /// 300 px; longer names are cut with "…"): a long name was painted over.
    @Test func theWaitTimeChartLeavesRoomForQueueNames() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "outage_and_fault_reports_from_key_accounts"
        let file = dir.appendingPathComponent("long.yaml")
        try Data("""
            name: long
            duration: 2h
            replications: 2
            queues:
              - name: \(name)
                arrivals: { rate_per_hour: 100 }
                handle_time: { dist: exponential, mean: 180s }
                announcements: { at_entry: true }
            agents:
              - { group: all, count: 5, skills: { \(name): 1 } }

            """.utf8).write(to: file)
        let r = try CLI.run(["simulate", file.path, "--quiet", "--out", dir.appendingPathComponent("o").path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("o/report.html"), encoding: .utf8)
        let chart = try #require(html.components(separatedBy: "aria-label=\"wait-time accuracy\"").last)
        let label = try #require(chart.components(separatedBy: "<title>\(name)</title>").last?.prefix { $0 != "<" })
        let bar = try #require(chart.components(separatedBy: "<rect x=\"").dropFirst().first)
        let barX = try #require(Double(bar.prefix { $0 != "\"" }))
        #expect(label == name && Double(name.count) * 11 * 0.62 < barX, "\(label) before bars at \(barX)")
    }

    static let shiftScenario = """
        name: shifts
        duration: 4h
        replications: 2
        queues:
          - name: main
            arrivals: { rate_per_hour: 60 }
            handle_time: { dist: exponential, mean: 180s }
            requires: { all_of: { main: 5 } }
        agents:
          - group: day
            skills: { main: 1 }
            shifts:
              - { start: 75m, end: 3h, count: 3, breaks: [{ at: 130m, length: 30m }] }
          - group: experts
            count: 1
            skills: { main: 5 }

        """

    /// 3 agents of `day` (who serve nobody) on duty 1:15-2:10 and 2:40-3:00:
    /// agents.csv's mean agents staffed per half-hour, by hand.
    @Test func agentsCSVStaffsShiftsToTheMinute() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("shifts.yaml")
        try Data(Self.shiftScenario.utf8).write(to: file)
        let r = try CLI.run(["simulate", file.path, "--quiet", "--out", dir.appendingPathComponent("o").path])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("o/agents.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").filter { $0.contains(",day,") } == [
            "00:00,day,0,", "00:30,day,0,", "01:00,day,1.5,0", "01:30,day,3,0",
            "02:00,day,1,0", "02:30,day,2,0", "03:00,day,0,", "03:30,day,0,",
        ])
        let bad = dir.appendingPathComponent("bad.yaml")
        try Data(Self.shiftScenario.replacingOccurrences(of: "end: 3h", with: "end: 1h").utf8).write(to: bad)
        let e = try CLI.run(["simulate", bad.path, "--quiet", "--out", dir.appendingPathComponent("b").path])
        #expect(e.status == 64)
        #expect(e.stderr.contains("bad.yaml:13:28: agents[0].shifts[0].end: must be after 'start' (4500.0 s)"), "\(e.stderr)")
    }
}
