import Foundation
import GRDB
import RoutingCore

/// The server's append-only event log: SQLite through GRDB.
///
/// Durability: WAL journal mode with `PRAGMA synchronous = FULL`, so every
/// committed append is fsynced to the WAL before `append` returns, and the
/// server acknowledges an event only after that. A process crash (SIGKILL)
/// or power loss loses no acknowledged event. (`NORMAL` would be faster but
/// may lose the last transactions on power loss.)
///
/// Tables:
/// - `events(seq INTEGER PRIMARY KEY, at INTEGER, record TEXT)`: one row per
///   record (`JournalRecord` as JSON), `at` in µs since the Unix epoch;
/// - `decisions(seq INTEGER PRIMARY KEY, actions TEXT)`: the actions the
///   core returned for that event (JSON), written with the next append (one
///   fsync per event) or at shutdown, so the last event's decisions may be
///   missing after a crash; they are a record for `acd replay`, not state.
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
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, record TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS decisions (seq INTEGER PRIMARY KEY, actions TEXT NOT NULL);
                """)
        }
    }

    /// The journal's durability setting as SQLite reports it (2 = FULL).
    public func synchronousSetting() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() throws -> String {
        try db.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Appends one record (durably), together with decisions of earlier
    /// events not yet written; returns the record's sequence number.
    public func append(_ record: JournalRecord, at: Int64, decisions: [(Int64, [RoutingAction])]) throws -> Int64 {
        let text = String(decoding: try encoder.encode(record), as: UTF8.self)
        let rows = try decisions.map { ($0.0, String(decoding: try encoder.encode($0.1), as: UTF8.self)) }
        return try db.write { db in
            for (seq, actions) in rows {
                try db.execute(sql: "INSERT OR REPLACE INTO decisions (seq, actions) VALUES (?, ?)", arguments: [seq, actions])
            }
            try db.execute(sql: "INSERT INTO events (at, record) VALUES (?, ?)", arguments: [at, text])
            return db.lastInsertedRowID
        }
    }

    /// Writes decisions without an event (at shutdown).
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

    /// Every record in order.
    public func entries() throws -> [Entry] {
        let decoder = JSONDecoder()
        let rows: [(Int64, Int64, String)] = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, at, record FROM events ORDER BY seq").map { ($0[0], $0[1], $0[2]) }
        }
        return try rows.map { Entry(seq: $0.0, at: $0.1, record: try decoder.decode(JournalRecord.self, from: Data($0.2.utf8))) }
    }

    /// Recorded decisions by sequence number.
    public func decisions() throws -> [Int64: [RoutingAction]] {
        let decoder = JSONDecoder()
        let rows: [(Int64, String)] = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, actions FROM decisions ORDER BY seq").map { ($0[0], $0[1]) }
        }
        var result: [Int64: [RoutingAction]] = [:]
        for (seq, text) in rows { result[seq] = try decoder.decode([RoutingAction].self, from: Data(text.utf8)) }
        return result
    }

    public func count() throws -> Int {
        try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
    }
}
