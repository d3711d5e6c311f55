import Foundation
import GRDB
import RoutingCore

/// The server's append-only event log: SQLite through GRDB.
///
/// Durability: WAL journal mode with `PRAGMA synchronous = FULL`, so every
/// committed append is fsynced to the WAL before `append` returns, and the
/// server acknowledges an event only after that. A process crash (SIGKILL)
/// or power loss loses no acknowledged event. (`NORMAL` would be faster but
/// may lose the last transactions on power loss.) The server appends the
/// events that queued up during one commit together, in one transaction
/// (group commit): one fsync for the whole batch.
///
/// Tables:
/// - `events(seq INTEGER PRIMARY KEY, at INTEGER, record TEXT)`: one row per
///   record (`JournalRecord` as JSON), `at` in µs since the Unix epoch;
/// - `decisions(seq INTEGER PRIMARY KEY, actions TEXT)`: the actions the
///   core returned for that event (JSON), written in the same transaction;
///   they are a record for `acd replay`, not state;
/// - `snapshots(seq INTEGER PRIMARY KEY, at INTEGER, state BLOB)`: the
///   server's state after record `seq` (`EngineState.Snapshot` as JSON).
///
/// Compaction (`compact`) copies the records up to a snapshot into the
/// archive (`archive.sqlite` beside the journal, same tables), then in one
/// transaction stores the snapshot and deletes the records and older
/// snapshots it replaces. Recovery reads the latest snapshot and the records
/// after it, so restart time is bounded by the snapshot interval; `acd
/// replay` reads the archive and the journal together (`history`).
public final class Journal: @unchecked Sendable {
    let db: DatabaseQueue
    public let path: String
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }()

    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.journalMode = .wal
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        db = try DatabaseQueue(path: path, configuration: config)
        // Set again after opening: GRDB may choose NORMAL for WAL databases.
        try db.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try db.write { db in
            try Self.createTables(db, schema: "main")
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS snapshots (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, state BLOB NOT NULL)")
        }
        let last = try db.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(m) FROM (SELECT MAX(seq) AS m FROM events UNION ALL SELECT MAX(seq) FROM snapshots)")
        }
        lastSeq = last ?? 0
    }

    private static func createTables(_ db: Database, schema: String) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(schema).events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, record TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS \(schema).decisions (seq INTEGER PRIMARY KEY, actions TEXT NOT NULL);
            """)
    }

    /// Sequence number of the last record appended (or covered by a snapshot).
    public private(set) var lastSeq: Int64

    /// The archive compaction moves records to: `archive.sqlite` beside the journal.
    public var archivePath: String {
        URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("archive.sqlite").path
    }

    /// The journal's durability setting as SQLite reports it (2 = FULL).
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
            (w.at, String(decoding: try encoder.encode(w.record), as: UTF8.self),
             String(decoding: try encoder.encode(w.actions), as: UTF8.self))
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
    }

    /// Compaction: copies the records up to `seq` into the archive, then
    /// stores `snapshot` (the state after record `seq`) and deletes those
    /// records and older snapshots, in one transaction. A crash between the
    /// two steps leaves the records in both places (copied again next time).
    public func compact(through seq: Int64, at: Int64, snapshot: Data) throws {
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS archive", arguments: [archivePath])
            defer { try? db.execute(sql: "DETACH DATABASE archive") }
            try db.execute(sql: "PRAGMA archive.journal_mode = WAL; PRAGMA archive.synchronous = FULL")
            try db.inTransaction {
                try Self.createTables(db, schema: "archive")
                try db.execute(sql: "INSERT OR IGNORE INTO archive.events SELECT * FROM main.events WHERE seq <= ?", arguments: [seq])
                try db.execute(sql: "INSERT OR IGNORE INTO archive.decisions SELECT * FROM main.decisions WHERE seq <= ?", arguments: [seq])
                return .commit
            }
            try db.inTransaction {
                try db.execute(sql: "INSERT OR REPLACE INTO snapshots (seq, at, state) VALUES (?, ?, ?)", arguments: [seq, at, snapshot])
                try db.execute(sql: "DELETE FROM snapshots WHERE seq < ?", arguments: [seq])
                try db.execute(sql: "DELETE FROM events WHERE seq <= ?", arguments: [seq])
                try db.execute(sql: "DELETE FROM decisions WHERE seq <= ?", arguments: [seq])
                return .commit
            }
        }
    }

    /// The latest snapshot: the record it follows and the state (JSON).
    public func latestSnapshot() throws -> (seq: Int64, state: Data)? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, state FROM snapshots ORDER BY seq DESC LIMIT 1").map { ($0[0], $0[1]) }
        }
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
