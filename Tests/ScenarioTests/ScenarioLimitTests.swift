import Simulation
import Testing
@testable import Scenario

/// Values beyond `ScenarioLimits` (or that would misplace results) are
/// refused at their position; before, they trapped at run time, exhausted
/// memory or never finished.
@Suite struct ScenarioLimitTests {
    static func yaml(_ line: String) -> String { ValueRangeTests.yaml(queue: line) }

    @Test func durationsAndMeansLongerThanThirtyYearsAreRefused() {
        let duration = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "duration: 1h", with: "duration: 1e300"))
        #expect(duration?.path == "duration")
        #expect(duration?.message == "1e300 is too long: at most 1e9 s (about 31 years)")
        #expect(ValueRangeTests.error(Self.yaml("    patience: { dist: constant, value: 1e13 }\n"))?.path
            == "queues[0].patience.value")
        #expect(ValueRangeTests.error(Self.yaml("    patience: { dist: exponential, mean: 2e12 }\n"))?.path
            == "queues[0].patience.mean")
        // A valid scale, but the mean is scale x Γ(101), about 10^160 scales.
        let weibull = ValueRangeTests.error(Self.yaml("    wrap_up: { dist: weibull, shape: 0.01, scale: 180s }\n"))
        #expect(weibull?.path == "queues[0].wrap_up")
        #expect(weibull?.message.hasSuffix("is too long: at most 1e9 s (about 31 years)") == true)
        // Exactly the limit is allowed.
        #expect(throws: Never.self) { try Scenario.parse(Self.yaml("    patience: { dist: constant, value: 1e9 }\n"), file: "s.yaml") }
    }

    @Test func zeroHandleTimeIsRefusedWhereItIsGiven() {
        let text = ValueRangeTests.yaml().replacingOccurrences(
            of: "handle_time: { dist: exponential, mean: 180s }\n  - name: other",
            with: "handle_time: { dist: constant, value: 0 }\n  - name: other")
        let e = ValueRangeTests.error(text)
        #expect(e?.path == "queues[0].handle_time")
        #expect(e?.line == 6)
        #expect(e?.message == "its mean must be positive")
    }

    @Test func agentsReplicationsRatesAndIntervalsHaveCeilings() {
        let count = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "count: 5", with: "count: 100000000000"))
        #expect(count?.path == "agents[0].count")
        #expect(count?.message == "must be 0 to 100000")
        let replications = ValueRangeTests.error(ValueRangeTests.yaml(top: "replications: 1000000000000\n"))
        #expect(replications?.path == "replications")
        let rate = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "rate_per_hour: 100 }\n    handle_time: { dist: exponential, mean: 180s }\n  - name: other", with: "rate_per_hour: 1e300 }\n    handle_time: { dist: exponential, mean: 180s }\n  - name: other"))
        #expect(rate?.path == "queues[0].arrivals.rate_per_hour")
        let surge = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(
            of: "rate_per_hour: 100 }", with: "rate_per_hour: 100, surges: [{ from: 0s, to: 1h, factor: 1e6 }] }"))
        #expect(surge?.path == "queues[0].arrivals.surges[0].factor")
        #expect(surge?.message == "gives 100000000.0 contacts per hour: at most 1e7")
        // Overlapping surges multiply: two of 1e4 on 100 per hour give 1e10.
        let overlapping = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(
            of: "rate_per_hour: 100 }", with: "rate_per_hour: 100, surges: [{ from: 0s, to: 1h, factor: 1e4 }, "
                + "{ from: 10m, to: 20m, factor: 2 }, { from: 30m, to: 2h, factor: 1e4 }] }"))
        #expect(overlapping?.path == "queues[0].arrivals.surges[2].factor")
        #expect(overlapping?.message == "gives 10000000000.0 contacts per hour with the surges it overlaps: at most 1e7")
        // Apart, the same surges are fine.
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml().replacingOccurrences(
                of: "rate_per_hour: 100 }", with: "rate_per_hour: 100, surges: [{ from: 0s, to: 30m, factor: 1e4 }, "
                    + "{ from: 30m, to: 1h, factor: 1e4 }] }"), file: "s.yaml")
        }
        let volume = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(
            of: "rate_per_hour: 100 }", with: "rate_per_hour: 100, volume_cv: 1e155 }"))
        #expect(volume?.path == "queues[0].arrivals.volume_cv")
        #expect(volume?.message == "must be from 0 to 1")
        let cv = ValueRangeTests.error(Self.yaml("    wrap_up: { dist: gamma, mean: 60s, cv: 1e150 }\n"))
        #expect(cv?.path == "queues[0].wrap_up")
        #expect(cv?.message.contains("cv must be from 0.0 to 10.0") == true, "\(cv?.message ?? "")")
        #expect(ValueRangeTests.error(Self.yaml("    wrap_up: { dist: lognormal, mean: 60s, cv: 1e300 }\n"))?.path
            == "queues[0].wrap_up")
        #expect(ValueRangeTests.error(Self.yaml("    wrap_up: { dist: gamma, shape: 0.001, scale: 60s }\n"))?.path
            == "queues[0].wrap_up")
        let interval = ValueRangeTests.error(ValueRangeTests.yaml(top: "interval: 1ms\n"))
        #expect(interval?.path == "interval")
        // 45.5 s intervals were labelled 00:00:46, which no plan could name.
        let fraction = ValueRangeTests.error(ValueRangeTests.yaml(top: "interval: 45.5s\n"))
        #expect(fraction?.path == "interval" && fraction?.message == "must be a whole number of seconds, at least 1s")
    }

    /// A line break in a queue name split its rows of intervals.csv.
    @Test func queueSkillAndGroupNamesHaveNoControlCharacters() {
        let queue = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "name: main", with: "name: \"ma\\nin\""))
        #expect(queue?.path == "queues[0].name")
        #expect(queue?.message == "must not contain line breaks, tabs or other control characters")
        let group = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "group: all", with: "group: \"a\\tll\""))
        #expect(group?.path == "agents[0].group")
        let skill = ValueRangeTests.error(ValueRangeTests.yaml(top: "skills: [\"en\\rglish\"]\n"))
        #expect(skill?.path == "skills[0]")
    }

    /// A half-hourly headcount kept when `interval` became 15m covered half
    /// the run and then started over, silently (service level 98.8 % → 56.8 %).
    @Test func aHeadcountListCoversTheRunOrADay() {
        let e = ValueRangeTests.error(ValueRangeTests.yaml(top: "interval: 15m\n").replacingOccurrences(
            of: "count: 5", with: "headcount: [20, 20]"))
        #expect(e?.path == "agents[0].headcount")
        #expect(e?.message == "2 headcounts, 15m each, cover 30m of the 1h run: give one per 15m of the run (4), "
                    + "one day's (96, repeated daily) or a single value")
        for list in ["[20]", "[20, 20, 50, 50]", "[" + Array(repeating: "5", count: 96).joined(separator: ", ") + "]"] {
            #expect(throws: Never.self) {
                try Scenario.parse(ValueRangeTests.yaml(top: "interval: 15m\n").replacingOccurrences(of: "count: 5", with: "headcount: \(list)"),
                                   file: "s.yaml")
            }
        }
    }

    /// `Double` reads hexadecimal; the scenario format is decimal.
    @Test func numbersAndDurationsAreDecimal() {
        let duration = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "duration: 1h", with: "duration: 0x10"))
        #expect(duration?.path == "duration")
        #expect(duration?.message == "expected a duration such as 45s, 30m, 9h, 16h30m or a number of seconds, got '0x10'")
        let number = ValueRangeTests.error(Self.yaml("    patience: { dist: lognormal, mean: 60s, cv: 0x1p-1 }\n"))
        #expect(number?.path == "queues[0].patience.cv")
        #expect(throws: Never.self) {
            try Scenario.parse(Self.yaml("    patience: { dist: lognormal, mean: 6e1, cv: .5 }\n"), file: "s.yaml")
        }
    }

    @Test func aReservationProtectsSomeQueue() {
        let e = ValueRangeTests.error(ValueRangeTests.yaml(top: "reservations: [{ group: all, keep_free: 2, protect: [] }]\n"))
        #expect(e?.path == "reservations[0].protect")
    }

    @Test func theNameMustBeOneFolderName() {
        for name in ["../../escaped", "a/b", ".hidden", "a\\\\b"] {
            let e = ValueRangeTests.error(ValueRangeTests.yaml().replacingOccurrences(of: "name: s\n", with: "name: \"\(name)\"\n"))
            #expect(e?.path == "name", "\(name)")
        }
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml().replacingOccurrences(of: "name: s\n", with: "name: storm day 2.0\n"), file: "s.yaml")
        }
    }

    @Test func controlCharactersAreReportedAtTheirLineAndColumn() {
        let e = ValueRangeTests.error("name: s\nduration: 1\u{1}h\n")
        #expect(e?.line == 2)
        #expect(e?.column == 12)
        #expect(e?.message.hasPrefix("YAML: ") == true)
    }
}

/// Settings that would never act are refused instead of run half-configured.
@Suite struct InertSettingTests {
    /// Each announcement waits for the wait it announced: repeats more often
    /// than once a second made memory grow without bound (10 ms: 830 MB).
    @Test func announcementsAndRechecksRepeatAtMostOnceASecond() {
        let every = ValueRangeTests.error(ValueRangeTests.yaml(queue: "    announcements: { every: 10ms }\n"))
        #expect(every?.path == "queues[0].announcements.every")
        #expect(every?.message == "must be at least 1s")
        let recheck = ValueRangeTests.error(ValueRangeTests.yaml(
            queue: "    callback_offer_above: 60s\n    recheck: 500ms\n"))
        #expect(recheck?.path == "queues[0].recheck")
        #expect(recheck?.message == "must be at least 1s")
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml(queue: "    announcements: { every: 1s }\n    callback_offer_above: 60s\n    recheck: 1s\n"),
                               file: "s.yaml")
        }
    }

    /// A recheck with nothing to re-evaluate for cost 9 times the run's time
    /// and changed nothing; `change_above` without one never acted.
    @Test func aRecheckNeedsSomethingToReevaluate() {
        let idle = ValueRangeTests.error(ValueRangeTests.yaml(queue: "    announcements: { at_entry: true }\n    recheck: 30s\n"))
        #expect(idle?.path == "queues[0].recheck")
        #expect(idle?.line == 8)
        let change = ValueRangeTests.error(ValueRangeTests.yaml(queue: "    announcements: { change_above: 30s }\n"))
        #expect(change?.path == "queues[0].announcements.change_above")
        #expect(change?.message == "is judged at every 'recheck': give the queue 'recheck'")
        for use in ["    announcements: { change_above: 30s }\n", "    callback_offer_above: 60s\n",
                    "    overflow: [{ ewt_above: 60s, to: other }]\n"] {
            #expect(throws: Never.self, "\(use)") {
                try Scenario.parse(ValueRangeTests.yaml(queue: use + "    recheck: 30s\n"), file: "s.yaml")
            }
        }
    }

    /// Aging and weights changed nothing (byte-identical output) unless a
    /// contact selection that reads them was chosen, by routing or a group.
    @Test func agingAndWeightsNeedTheirContactSelection() {
        let aging = ValueRangeTests.error(ValueRangeTests.yaml(queue: "    aging_per_minute: 2\n"))
        #expect(aging?.path == "queues[0].aging_per_minute" && aging?.line == 7)
        #expect(aging?.message == "used only by contact_selection: aged_priority, which neither routing nor any group selects; "
                + "select it or leave 'aging_per_minute' out")
        let weight = ValueRangeTests.error(ValueRangeTests.yaml(queue: "    weight: 3\n", top: "routing: { contact_selection: aged_priority }\n"))
        #expect(weight?.path == "queues[0].weight")
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml(queue: "    aging_per_minute: 2\n", top: "routing: { contact_selection: aged_priority }\n"),
                               file: "s.yaml")
            try Scenario.parse(ValueRangeTests.yaml(queue: "    weight: 3\n", group: "    contact_selection: weighted_wait\n"),
                               file: "s.yaml")
        }
    }

    /// Keeping free as many agents as the group has left its other queues
    /// unserved: accepted, with a warning about stranded callers after the run.
    @Test func aReservationMustLeaveTheGroupItsOtherQueues() {
        let all = ValueRangeTests.error(ValueRangeTests.yaml(top: "reservations: [{ group: all, keep_free: 5, protect: [main] }]\n"))
        #expect(all?.path == "reservations[0].keep_free")
        #expect(all?.message == "the group has at most 5 agents, so with 5 kept free it would never serve queue 'other'; "
                + "lower keep_free or take that skill from the group")
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml(top: "reservations: [{ group: all, keep_free: 4, protect: [main] }]\n"), file: "s.yaml")
            try Scenario.parse(ValueRangeTests.yaml(top: "reservations: [{ group: all, keep_free: 9, protect: [main, other] }]\n"),
                               file: "s.yaml")
        }
    }

    @Test func reactionsToAnnouncementsNeedAnnouncements() {
        let balk = ValueRangeTests.error(ValueRangeTests.yaml(
            queue: "    callers: { balk: { share: 0.5, tolerance: { dist: constant, value: 60s } } }\n"))
        #expect(balk?.path == "queues[0].callers.balk")
        #expect(balk?.message == "callers react to announced waits: give the queue 'announcements'")
        let patience = ValueRangeTests.error(ValueRangeTests.yaml(
            queue: "    callers: { patience_on_announcement: { relative: 1.5 } }\n"))
        #expect(patience?.path == "queues[0].callers.patience_on_announcement")
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml(queue: """
                    announcements: { at_entry: true }
                    callers: { balk: { share: 0.5, tolerance: { dist: constant, value: 60s } } }

                """), file: "s.yaml")
        }
    }

    @Test func callbackTakersNeedCallbackOffers() {
        let e = ValueRangeTests.error(ValueRangeTests.yaml(queue: "    callers: { callback: { accept: 0.5 } }\n"))
        #expect(e?.path == "queues[0].callers.callback")
        #expect(throws: Never.self) {
            try Scenario.parse(ValueRangeTests.yaml(
                queue: "    callback_offer_above: 60s\n    callers: { callback: { accept: 0.5 } }\n"), file: "s.yaml")
        }
    }

    @Test func aQueueNoGroupCanServeIsRefusedUnlessItOverflows() {
        let text = ValueRangeTests.yaml().replacingOccurrences(of: "skills: { main: 6, other: 1 }", with: "skills: { main: 6 }")
        let e = ValueRangeTests.error(text)
        #expect(e?.path == "queues[1]")
        #expect(e?.line == 7)
        #expect(throws: Never.self) {
            try Scenario.parse(text.replacingOccurrences(
                of: "  - name: other\n", with: "  - name: other\n    overflow: [{ after: 30s, to: main }]\n"), file: "s.yaml")
        }
    }
}
