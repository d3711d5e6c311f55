import Foundation
import GRDB
import RoutingCore

/// The server's append-only event log: SQLite through GRDB.
///
/// Durability (`Durability`): WAL journal mode; with `.full` (the default,
/// `PRAGMA synchronous = FULL`) every committed append is fsynced to the WAL
/// before `append` returns, so neither a process crash (SIGKILL) nor a power
/// loss or kernel crash loses an acknowledged event. With `.process`
/// (`synchronous = NORMAL`) a commit is written to the WAL file (in the
/// operating system's cache) but not flushed: a process crash still loses
/// nothing acknowledged, a power loss or kernel crash may lose the last
/// transactions. The server acknowledges an event only after its commit.
/// The server appends the events that queued up during one commit together,
/// in one transaction (group commit): one commit for the whole batch.
/// Appends never checkpoint the WAL into the database file; `Checkpointer`
/// does, on a connection of its own, so no commit waits for a checkpoint.
///
/// Tables:
/// - `events(seq INTEGER PRIMARY KEY, at INTEGER, record TEXT)`: one row per
///   record (`JournalRecord` as JSON), `at` in µs since the Unix epoch;
/// - `decisions(seq INTEGER PRIMARY KEY, actions TEXT)`: the actions the
///   core returned for that event (JSON), written in the same transaction;
///   they are a record for `acd replay`, not state.
///
/// Compaction, in this order, each step durable before the next: `archive`
/// copies the records up to a snapshot into `archive.sqlite` beside the
/// journal (same tables; on a connection of its own, so appends go on);
/// `writeSnapshot` writes the state after those records to `snapshot.json`
/// (temporary file, fsync, atomic rename); `deleteRecords` then removes them
/// from the journal in small transactions between appends. A crash at any
/// point leaves the records in the journal, the archive or both, and the
/// latest snapshot whole. Recovery reads the snapshot and the records after
/// it (older ones left over are skipped), so restart time is bounded by the
/// snapshot interval; `acd replay` reads archive and journal (`history`).
public final class Journal: @unchecked Sendable {
    let db: DatabaseQueue
    public let path: String
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }()

    /// What an acknowledged event survives.
    public enum Durability: String, Sendable, CaseIterable {
        /// Process crashes, power loss and kernel crashes: each commit is fsynced (`synchronous = FULL`).
        case full
        /// Process crashes (SIGKILL included), not power loss: commits reach the
        /// operating system, not the disk (`synchronous = NORMAL`).
        case process

        var pragma: String { self == .full ? "FULL" : "NORMAL" }
    }

    public let durability: Durability

    public init(path: String, durability: Durability = .full) throws {
        self.path = path
        self.durability = durability
        var config = Configuration()
        config.journalMode = .wal
        // Another connection writing briefly (compaction's archive copy, a
        // replay opening the file) makes an append wait, not fail.
        config.busyMode = .timeout(10)
        let setting = "PRAGMA synchronous = \(durability.pragma)"
        config.prepareDatabase { db in
            try db.execute(sql: setting)
            // Appends never checkpoint (a commit would wait for the copy and its
            // flush): `Checkpointer` does it beside them.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        // Set again after opening: GRDB may choose NORMAL for WAL databases.
        try db.writeWithoutTransaction { db in try db.execute(sql: setting) }
        try db.write { db in try Self.createTables(db, schema: "main") }
        checkpointer = Checkpointer(path: path)
        lastSeq = 0
        let last = try db.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM events") } ?? 0
        lastSeq = max(last, try latestSnapshot()?.seq ?? 0)
    }

    private let checkpointer: Checkpointer
    /// Records appended since the last checkpoint was started.
    private var sinceCheckpoint = 0
    /// Records between checkpoints.
    static let checkpointEvery = 2_000

    /// Waits until no checkpoint is running (tests).
    func waitForCheckpoint() { checkpointer.wait() }

    private static func createTables(_ db: Database, schema: String) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(schema).events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, record TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS \(schema).decisions (seq INTEGER PRIMARY KEY, actions TEXT NOT NULL);
            """)
    }

    /// Sequence number of the last record appended (or covered by a snapshot).
    public private(set) var lastSeq: Int64

    var directory: String { URL(fileURLWithPath: path).deletingLastPathComponent().path }
    /// The archive compaction moves records to: `archive.sqlite` beside the journal.
    public var archivePath: String { directory + "/archive.sqlite" }
    /// The latest snapshot: `snapshot.json` beside the journal (first line: the record it follows).
    public var snapshotPath: String { directory + "/snapshot.json" }

    /// The journal's durability setting as SQLite reports it (2 = FULL, 1 = NORMAL).
    public func synchronousSetting() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() throws -> String {
        try db.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// One event to append: the record, when it was applied, and the
    /// actions the core returned for it.
    public struct Write: Sendable {
        public var record: JournalRecord
        public var at: Int64
        public var actions: [RoutingAction]
        public init(_ record: JournalRecord, at: Int64, actions: [RoutingAction]) {
            self.record = record
            self.at = at
            self.actions = actions
        }
    }

    /// Appends `writes` in order as records `lastSeq + 1...`, durably, in one
    /// transaction (one fsync). Called by one writer at a time.
    public func append(_ writes: [Write]) throws {
        let rows = try writes.map { w in
            (w.at, try w.record.journalJSON() ?? String(decoding: try encoder.encode(w.record), as: UTF8.self),
             w.actions.journalJSON())
        }
        let first = lastSeq + 1
        try db.write { db in
            let event = try db.cachedStatement(sql: "INSERT INTO events (seq, at, record) VALUES (?, ?, ?)")
            let decision = try db.cachedStatement(sql: "INSERT OR REPLACE INTO decisions (seq, actions) VALUES (?, ?)")
            for (i, (at, record, actions)) in rows.enumerated() {
                try event.execute(arguments: [first + Int64(i), at, record])
                try decision.execute(arguments: [first + Int64(i), actions])
            }
        }
        lastSeq += Int64(rows.count)
        sinceCheckpoint += rows.count
        if sinceCheckpoint >= Self.checkpointEvery {
            sinceCheckpoint = 0
            checkpointer.start()
        }
    }

    /// Compaction, first step: copies the records up to `seq` (and their
    /// decisions) into the archive, durably. Runs on a connection of its own:
    /// it reads the journal without holding up appends.
    public func archive(through seq: Int64) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        let connection = try DatabaseQueue(path: path, configuration: config)
        try connection.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS archive", arguments: [archivePath])
            try db.execute(sql: "PRAGMA archive.journal_mode = WAL; PRAGMA archive.synchronous = FULL")
            // Deferred: the write lock is taken on the archive only; the journal is just read.
            try db.inTransaction(.deferred) {
                try Self.createTables(db, schema: "archive")
                try db.execute(sql: "INSERT OR IGNORE INTO archive.events SELECT * FROM main.events WHERE seq <= ?", arguments: [seq])
                try db.execute(sql: "INSERT OR IGNORE INTO archive.decisions SELECT * FROM main.decisions WHERE seq <= ?", arguments: [seq])
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE archive")
        }
    }

    /// Compaction, second step: makes `state` (the state after record `seq`)
    /// the latest snapshot, durably and atomically.
    public func writeSnapshot(_ state: Data, after seq: Int64) throws {
        let temporary = snapshotPath + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw JournalError("cannot create \(temporary)")
        }
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try file.write(contentsOf: Data("\(seq)\n".utf8))
        try file.write(contentsOf: state)
        try file.synchronize()
        try file.close()
        guard rename(temporary, snapshotPath) == 0 else { throw JournalError("cannot rename \(temporary): errno \(errno)") }
        let dir = open(directory, O_RDONLY)
        defer { close(dir) }
        guard dir >= 0, fsync(dir) == 0 else { throw JournalError("cannot fsync \(directory): errno \(errno)") }
    }

    /// Compaction, last step: deletes up to `limit` of the records up to
    /// `seq` (and their decisions), in one short transaction; returns how
    /// many records it deleted (0: done).
    public func deleteRecords(through seq: Int64, limit: Int) throws -> Int {
        try db.write { db in
            let range = "SELECT seq FROM %@ WHERE seq <= ? ORDER BY seq LIMIT ?"
            try db.execute(sql: "DELETE FROM events WHERE seq IN (\(range.replacingOccurrences(of: "%@", with: "events")))",
                           arguments: [seq, limit])
            let deleted = db.changesCount
            try db.execute(sql: "DELETE FROM decisions WHERE seq IN (\(range.replacingOccurrences(of: "%@", with: "decisions")))",
                           arguments: [seq, limit])
            return deleted
        }
    }

    /// The latest snapshot: the record it follows and the state (JSON).
    public func latestSnapshot() throws -> (seq: Int64, state: Data)? {
        guard let data = FileManager.default.contents(atPath: snapshotPath) else { return nil }
        guard let newline = data.firstIndex(of: UInt8(ascii: "\n")),
              let seq = Int64(String(decoding: data[..<newline], as: UTF8.self)) else {
            throw JournalError("\(snapshotPath) is not a snapshot")
        }
        return (seq, data[(newline + 1)...])
    }

    /// Replaces recorded decisions (tests forge a different decision with it).
    public func writeDecisions(_ decisions: [(Int64, [RoutingAction])]) throws {
        guard !decisions.isEmpty else { return }
        let rows = try decisions.map { ($0.0, String(decoding: try encoder.encode($0.1), as: UTF8.self)) }
        try db.write { db in
            for (seq, actions) in rows {
                try db.execute(sql: "INSERT OR REPLACE INTO decisions (seq, actions) VALUES (?, ?)", arguments: [seq, actions])
            }
        }
    }

    /// One stored event.
    public struct Entry: Sendable {
        public var seq: Int64
        public var at: Int64
        public var record: JournalRecord
    }

    /// The journal's records after `seq`, in order.
    public func entries(after seq: Int64 = 0) throws -> [Entry] {
        try Self.entries(db, after: seq)
    }

    private static func entries(_ db: any DatabaseReader, after seq: Int64) throws -> [Entry] {
        let decoder = JSONDecoder()
        let rows: [(Int64, Int64, String)] = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, record FROM events WHERE seq > ? ORDER BY seq", arguments: [seq])
                .map { ($0[0], $0[1], $0[2]) }
        }
        return try rows.map { Entry(seq: $0.0, at: $0.1, record: try decoder.decode(JournalRecord.self, from: Data($0.2.utf8))) }
    }

    /// The journal's recorded decisions by sequence number.
    public func decisions() throws -> [Int64: [RoutingAction]] { try Self.decisions(db) }

    private static func decisions(_ db: any DatabaseReader) throws -> [Int64: [RoutingAction]] {
        let decoder = JSONDecoder()
        let rows: [(Int64, String)] = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, actions FROM decisions ORDER BY seq").map { ($0[0], $0[1]) }
        }
        var result: [Int64: [RoutingAction]] = [:]
        for (seq, text) in rows { result[seq] = try decoder.decode([RoutingAction].self, from: Data(text.utf8)) }
        return result
    }

    /// Every record kept, for `acd replay`: the archive's (if there is one),
    /// then the journal's own, with their decisions.
    public func history() throws -> (entries: [Entry], decisions: [Int64: [RoutingAction]]) {
        var entries: [Entry] = [], decisions: [Int64: [RoutingAction]] = [:]
        if FileManager.default.fileExists(atPath: archivePath) {
            let archive = try DatabaseQueue(path: archivePath)
            entries = try Self.entries(archive, after: 0)
            decisions = try Self.decisions(archive)
        }
        let own = try self.entries(after: entries.last?.seq ?? 0)
        entries += own
        decisions.merge(try self.decisions()) { _, new in new }
        return (entries, decisions)
    }

    /// Records in the journal itself (not the archive).
    public func count() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }
}

/// A journal file that cannot be written or read as expected.
public struct JournalError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Copies the journal's write-ahead log into the database file on a
/// connection and thread of its own, so that appends never wait for it: a
/// passive checkpoint, beside the appends. Under steady appends the log
/// never empties that way (frames arrive while the copy runs), so once it
/// holds more than `restartFrames` a restarting checkpoint lets the next
/// append start it over: appends wait for that one, once per about 100 MB.
final class Checkpointer: @unchecked Sendable {
    static let restartFrames = 25_000
    private let path: String
    private let queue = DispatchQueue(label: "acd.journal.checkpoint", qos: .utility)
    private let lock = NSLock()
    private var running = false
    private var connection: DatabaseQueue?

    init(path: String) { self.path = path }

    /// Starts a checkpoint unless one is running.
    func start() {
        let idle = lock.withLock {
            defer { running = true }
            return !running
        }
        guard idle else { return }
        queue.async {
            self.checkpoint()
            self.lock.withLock { self.running = false }
        }
    }

    func wait() { queue.sync {} }

    private func checkpoint() {
        do {
            if connection == nil {
                var config = Configuration()
                config.busyMode = .timeout(10)
                connection = try DatabaseQueue(path: path, configuration: config)
            }
            try connection?.writeWithoutTransaction { db in
                if try db.checkpoint(.passive).walFrameCount > Self.restartFrames { try db.checkpoint(.restart) }
            }
        } catch {
            // A checkpoint that fails leaves the log longer; the next one catches up.
        }
    }
}
