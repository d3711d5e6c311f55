import Foundation
import Testing
import RoutingCore
@testable import Server

func arrival(_ queue: String, _ priority: Int32 = 0) -> ArrivalRequest {
    try! JSONDecoder().decode(ArrivalRequest.self, from: Data(#"{"queue":"\#(queue)","priority":\#(priority)}"#.utf8))
}

/// A day's traffic driven through the engine with a seeded generator: arrivals,
/// logins, accepts, rejects, finishes, abandons, time-outs.
func drive(_ f: Fixture, steps: Int, seed: UInt64) async throws {
    var g = SplitMix64(seed: seed)
    let agents = ["team#1", "team#2"]
    for step in 0..<steps {
        f.clock.advance(seconds: Double(g.next() % 4_000) / 1_000)
        let live = await f.engine.state.contacts.values.filter(\.isLive).sorted { $0.id < $1.id }
        switch g.next() % 9 {
        case 0, 1, 2: _ = try await f.engine.arrive(arrival(g.next() % 2 == 0 ? "sales" : "support", Int32(g.next() % 3)))
        case 3: _ = try? await f.engine.agent(agents[Int(g.next() % 2)], g.next() % 3 == 0 ? .notReady(reason: 2) : .login)
        case 4: _ = try? await f.engine.agent(agents[Int(g.next() % 2)], .ready)
        case 5:
            if let c = live.first(where: { $0.state == .offered }) {
                _ = try? await f.engine.contact(c.id, g.next() % 5 == 0 ? .reject : .accept, by: .supervisor)
            }
        case 6:
            if let c = live.first(where: { $0.state == .connected }) {
                _ = try? await f.engine.contact(c.id, .finish(wrapUpSeconds: Double(g.next() % 3)), by: .supervisor)
            }
        case 7:
            if let c = live.first(where: { $0.state == .waiting }), step % 2 == 0 {
                _ = try? await f.engine.contact(c.id, .abandon, by: .supervisor)
            }
        default: try await f.engine.tick()
        }
    }
}

@Suite struct JournalTests {
    @Test func journalIsWALWithSynchronousFull() throws {
        let j = try Journal(path: temporaryJournalPath())
        #expect(try j.synchronousSetting() == 2)
        #expect(try j.journalMode() == "wal")
    }

    @Test func appendsNeverCheckpointTheCheckpointerDoesBesideThem() throws {
        let path = temporaryJournalPath()
        let j = try Journal(path: path)
        #expect(try j.db.read { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 0)
        func size(_ file: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0 }
        let before = size(path)
        let batch = (0..<100).map { Journal.Write(JournalRecord(event: .timePassed), at: Int64($0), actions: []) }
        for _ in 0 ..< Journal.checkpointEvery / 100 - 1 { try j.append(batch) }
        j.waitForCheckpoint()
        #expect(size(path) == before)  // all in the log so far
        try j.append(batch)  // the 2,000th record starts a checkpoint
        j.waitForCheckpoint()
        #expect(size(path) > before + 50_000)  // the records are in the database file now
        #expect(try Journal(path: path).count() == Journal.checkpointEvery)
    }

    @Test func processDurabilityIsWALWithSynchronousNormalAndKeepsEveryRecord() throws {
        let path = temporaryJournalPath()
        let j = try Journal(path: path, durability: .process)
        #expect(try j.synchronousSetting() == 1)
        #expect(try j.journalMode() == "wal")
        try j.append([Journal.Write(JournalRecord(event: .timePassed), at: 5, actions: [])])
        // Another connection (a restarted server) reads what was committed.
        #expect(try Journal(path: path).entries().map(\.at) == [5])
    }

    @Test func everyAcceptedEventIsJournaledBeforeTheResponse() async throws {
        let f = try Fixture()
        let start = try Journal(path: f.path).count()
        #expect(start == 1)  // the configuration record
        _ = try await f.engine.arrive(arrival("sales"))
        _ = try await f.engine.agent("team#1", .login)
        let entries = try Journal(path: f.path).entries()
        #expect(entries.count == 3)
        #expect(entries[1].record.contact == "c1")
        #expect(entries[2].record.event == .agentLoggedIn(AgentID(0)))
    }

    @Test func concurrentEventsAreCommittedTogetherInTheOrderTheyWereApplied() async throws {
        let f = try Fixture()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<300 { group.addTask { try await f.engine.arrive(arrival(i % 2 == 0 ? "sales" : "support")).id } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(ids).count == 300)
        let j = try Journal(path: f.path)
        let entries = try j.entries()
        #expect(entries.dropFirst().map(\.record.contact) == (1...300).map { "c\($0)" })
        #expect(try j.decisions().count == 301)
        let commits = f.metrics.render().split(separator: "\n")
            .first { $0.hasPrefix("acd_journal_append_duration_seconds_count") }
            .flatMap { Int($0.split(separator: " ").last ?? "") }
        #expect(try #require(commits) < 300)  // group commit: fewer transactions than events
    }

    @Test func restartRebuildsContactsAgentsAndStatistics() async throws {
        let f = try Fixture()
        try await drive(f, steps: 400, seed: 3)
        let before = await f.engine.state
        await f.engine.shutdown()
        let again = try Fixture(path: f.path, clock: f.clock)
        let after = await again.engine.state
        #expect(after.contacts == before.contacts)
        #expect(after.today == before.today)
        #expect(after.digest == before.digest)
        #expect(after.digest.count > 20)
        for a in 0..<2 { #expect(after.core.status(of: AgentID(a)) == before.core.status(of: AgentID(a))) }
        #expect(await again.engine.recovered > 100)
        // And it carries on: the next id continues the sequence.
        let next = try await again.engine.arrive(arrival("sales"))
        #expect(next.id == "c\(before.nextContact)")
    }

    /// Two servers see the same events; one compacts its journal every 37
    /// records and restarts from it halfway. Both end in the same state
    /// with the same decisions.
    @Test func restartFromACompactedJournalGivesTheSameStateAndDecisions() async throws {
        let plain = try Fixture()
        let compacted = try Fixture(snapshotEvery: 37)
        try await drive(plain, steps: 300, seed: 8)
        try await drive(compacted, steps: 300, seed: 8)
        await compacted.engine.shutdown()
        let journal = try Journal(path: compacted.path)
        #expect(try journal.latestSnapshot() != nil)
        #expect(try journal.count() < 37)
        let restarted = try Fixture(path: compacted.path, clock: compacted.clock, snapshotEvery: 37)
        #expect(await restarted.engine.recovered < 37)
        var a = await plain.engine.state, b = await restarted.engine.state
        #expect(b.contacts == a.contacts)
        #expect(b.digest == a.digest)
        #expect(b.today == a.today && b.totals == a.totals)
        #expect(b.nextContact == a.nextContact)
        try await drive(plain, steps: 300, seed: 9)
        try await drive(restarted, steps: 300, seed: 9)
        a = await plain.engine.state
        b = await restarted.engine.state
        #expect(b.contacts == a.contacts)
        #expect(b.digest == a.digest)
        #expect(a.digest.count > 40)
        for i in 0..<2 { #expect(b.core.status(of: AgentID(i)) == a.core.status(of: AgentID(i))) }
    }

    @Test func replayCoversTheArchivedRecordsOrStartsFromTheSnapshotWithoutThem() async throws {
        let f = try Fixture(snapshotEvery: 50)
        try await drive(f, steps: 400, seed: 12)
        let live = await f.engine.state.digest
        await f.engine.shutdown()
        let j = try Journal(path: f.path)
        let whole = try Replay.verify(j)
        #expect(whole.equal && whole.fromSnapshot == nil)
        #expect(whole.replayed == live)
        #expect(whole.records == Int(j.lastSeq))
        #expect(try Replay.whatIf(j, alternative: testConfig).skipped == 0)
        try FileManager.default.removeItem(atPath: j.archivePath)
        let partial = try Replay.verify(j)
        #expect(partial.equal)
        #expect(partial.fromSnapshot != nil)
        #expect(partial.records < 50)
        #expect(throws: ReplayError.self) { try Replay.whatIf(j, alternative: testConfig) }
    }

    @Test func replayWithSameConfigurationReproducesRecordedDecisions() async throws {
        let f = try Fixture()
        try await drive(f, steps: 500, seed: 11)
        let live = await f.engine.state.digest
        await f.engine.shutdown()
        let v = try Replay.verify(try Journal(path: f.path))
        #expect(v.equal)
        #expect(v.mismatches.isEmpty)
        #expect(v.recorded.count > 20)
        #expect(v.replayed == live)
        #expect(v.comparedEvents == v.records)
    }

    @Test func replayDetectsADifferentDecision() async throws {
        let f = try Fixture()
        try await drive(f, steps: 200, seed: 5)
        await f.engine.shutdown()
        let j = try Journal(path: f.path)
        let decisions = try j.decisions()
        let (seq, actions) = try #require(decisions.sorted { $0.key < $1.key }.first { $0.value.contains { if case .offer = $0 { true } else { false } } })
        let forged = actions.map { a -> RoutingAction in
            if case .offer(let c, let agent, let d) = a { return .offer(c, AgentID(1 - Int(agent.index)), deadline: d) }
            return a
        }
        try j.writeDecisions([(seq, forged)])
        let v = try Replay.verify(j)
        #expect(!v.equal)
        #expect(v.mismatches == [seq])
    }

    @Test func whatIfReplaysTheSameArrivalsUnderAnotherConfiguration() async throws {
        let f = try Fixture()
        try await drive(f, steps: 600, seed: 21)
        await f.engine.shutdown()
        let j = try Journal(path: f.path)
        let same = try Replay.whatIf(j, alternative: testConfig)
        #expect(same.alternative == same.baseline)
        #expect(same.skipped == 0)
        let fewer = testConfig.replacingOccurrences(of: "count: 2", with: "count: 1")
        let r = try Replay.whatIf(j, alternative: fewer)
        let offered = r.baseline.values.map(\.offered).reduce(0, +)
        #expect(r.alternative.values.map(\.offered).reduce(0, +) == offered)
        #expect(r.skipped > 0)  // team#2's events have no agent
    }
}

/// A damaged snapshot: rebuilt from the kept records, or a clear refusal.
@Suite struct DamagedSnapshotTests {
    @Test func anUnreadableSnapshotIsRebuiltFromTheArchiveAndTheJournal() async throws {
        let f = try Fixture(snapshotEvery: 40)
        try await drive(f, steps: 300, seed: 21)
        let before = await f.engine.state
        await f.engine.shutdown()
        let j = try Journal(path: f.path)
        let snapshot = try #require(FileManager.default.contents(atPath: j.snapshotPath))
        try Data(snapshot.prefix(snapshot.count / 2)).write(to: URL(fileURLWithPath: j.snapshotPath))
        let restarted = try Fixture(path: f.path, clock: f.clock, snapshotEvery: 40)
        #expect(await restarted.engine.recovered == Int(j.lastSeq) - 1)  // all but the configuration record
        let after = await restarted.engine.state
        #expect(after.contacts == before.contacts)
        #expect(after.digest == before.digest)
        #expect(after.today == before.today)
    }

    @Test func withoutTheArchiveAnUnreadableSnapshotStopsTheStartNamingTheFile() async throws {
        let f = try Fixture(snapshotEvery: 40)
        try await drive(f, steps: 300, seed: 22)
        await f.engine.shutdown()
        let j = try Journal(path: f.path)
        try Data("12\n{not json".utf8).write(to: URL(fileURLWithPath: j.snapshotPath))
        try FileManager.default.removeItem(atPath: j.archivePath)
        do {
            _ = try Fixture(path: f.path, clock: f.clock, snapshotEvery: 40)
            Issue.record("started on a damaged snapshot without the records before it")
        } catch let error as APIError {
            #expect(error.message.contains(j.snapshotPath))
            #expect(error.message.contains("restore the snapshot from a backup"))
        }
    }
}
