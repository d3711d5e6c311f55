import Foundation
import Simulation

/// A queue's arrival rates as read from a CSV profile (`arrivals.profile`).
public struct ArrivalProfile: Equatable, Sendable {
    /// Arrivals per second in each interval from the start of the run, in file order.
    public var ratesPerSecond: [Double]
    /// The step between the rows' starts, seconds; nil for a single row.
    public var intervalSeconds: Double?
}

/// Reads arrival profiles: a header row, then one row per arrival interval
/// with its `start` (`HH:MM` or a duration such as `8h30m`; 0 first, then
/// one constant step) and either `rate_per_hour` or `calls` (contacts in
/// the interval). An optional `queue` column lets one file serve several
/// queues. Blank lines and lines starting with `#` are skipped.
public enum ArrivalProfileCSV {
    /// The profile of `queue` in `text` (from `file`, for messages). Every
    /// row is checked, whichever queue it belongs to.
    /// - Parameters:
    ///   - sharing: the queues whose arrivals come from this file, `queue`
    ///     among them; a `queue` column may name only these.
    ///   - singleRowInterval: the interval of a single-row profile, which
    ///     converts its `calls` to a rate.
    /// - Throws: `ScenarioError` naming file, line and column of the first problem.
    public static func profile(_ text: String, file: String, queue: String, sharing: [String],
                               singleRowInterval: Double) throws -> ArrivalProfile {
        func fail(_ line: Int, _ column: Int, _ message: String) -> ScenarioError {
            ScenarioError(file: file, line: line, column: column, path: "", message: message)
        }
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        var header: Header?
        var rowsByQueue: [String: QueueRows] = [:]
        for (k, raw) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = k + 1
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            let cells = try Self.cells(raw, number: line, fail: fail)
            if cells.allSatisfy({ $0.text.isEmpty }) { continue }
            guard let h = header else {
                header = try Header(cells, line: line, fail: fail)
                continue
            }
            guard cells.count == h.names.count else {
                throw fail(line, 1, "expected \(h.names.count) fields (\(h.names.joined(separator: ","))), got \(cells.count)")
            }
            var name = queue
            if let q = h.queue {
                name = cells[q].text
                guard sharing.contains(name) else {
                    throw fail(line, cells[q].column, "queue '\(name)' does not take its arrivals from this file; "
                               + "queues that do: \(sharing.joined(separator: ", "))")
                }
            }
            let startCell = cells[h.start], valueCell = cells[h.value]
            guard let start = startSeconds(startCell.text) else {
                throw fail(line, startCell.column, "start '\(startCell.text)': expected HH:MM or a duration such as 8h30m")
            }
            guard let value = YAMLValue.decimal(valueCell.text), value >= 0 else {
                throw fail(line, valueCell.column, "\(h.names[h.value]) '\(valueCell.text)': expected a number ≥ 0")
            }
            let forQueue = h.queue == nil ? "" : " for queue '\(name)'"
            var queueRows = rowsByQueue[name] ?? QueueRows()
            if let earlier = queueRows.lines[start] {
                throw fail(line, startCell.column, "start \(clockText(start)) appears twice\(forQueue) (also on line \(earlier))")
            }
            if queueRows.rows.isEmpty, start != 0 {
                throw fail(line, startCell.column, "the first start\(forQueue) must be 00:00 (the start of the run), got \(startCell.text)")
            }
            if let previous = queueRows.rows.last, start < previous.start {
                throw fail(line, startCell.column, "starts must increase\(forQueue): \(clockText(start)) after \(clockText(previous.start))")
            }
            if queueRows.rows.count >= 2, let step = queueRows.step, start != Double(queueRows.rows.count) * step {
                throw fail(line, startCell.column, "rows\(forQueue) must be one interval (\(durationText(step))) apart: "
                           + "expected \(clockText(Double(queueRows.rows.count) * step)), got \(startCell.text)")
            }
            queueRows.lines[start] = line
            queueRows.rows.append(Row(line: line, start: start, value: value, valueColumn: valueCell.column))
            rowsByQueue[name] = queueRows
        }
        guard let header else { throw fail(1, 1, "the profile is empty: expected a header row such as start,calls") }
        guard let rows = rowsByQueue[queue]?.rows else {
            if let q = header.queue { throw fail(header.line, header.columns[q], "no rows for queue '\(queue)'") }
            throw fail(header.line, 1, "no rows after the header")
        }
        if rows.allSatisfy({ $0.value == 0 }) {
            let forQueue = header.queue == nil ? "" : " for queue '\(queue)'"
            throw fail(rows[0].line, rows[0].valueColumn,
                       "all values of '\(header.names[header.value])'\(forQueue) are 0; at least one must be positive")
        }
        let step = rowsByQueue[queue]?.step
        // `calls` are per interval; the same division as an inline rate_per_hour for per-hour rates.
        let divisor = header.names[header.value] == "calls" ? step ?? singleRowInterval : 3600
        if let row = rows.first(where: { $0.value / divisor * 3600 > ScenarioLimits.highestRatePerHour }) {
            throw fail(row.line, row.valueColumn, "\(header.names[header.value]) \(row.value) is "
                       + "\(row.value / divisor * 3600) contacts per hour: at most 1e7")
        }
        return ArrivalProfile(ratesPerSecond: rows.map { $0.value / divisor }, intervalSeconds: step)
    }

    struct Row {
        var line: Int
        var start: Double
        var value: Double
        var valueColumn: Int
    }

    /// One queue's rows so far, with the line of each start.
    struct QueueRows {
        var rows: [Row] = []
        var lines: [Double: Int] = [:]
        var step: Double? { rows.count >= 2 ? rows[1].start : nil }
    }

    /// The header row: column names (lowercased) and where the known ones are.
    struct Header {
        static let known = ["start", "rate_per_hour", "calls", "queue"]
        var line: Int
        var names: [String]
        var columns: [Int]
        var start: Int
        /// `rate_per_hour` or `calls`.
        var value: Int
        var queue: Int?

        init(_ cells: [(text: String, column: Int)], line: Int,
             fail: (Int, Int, String) -> ScenarioError) throws {
            self.line = line
            names = try CSVHeader.names(cells, line: line, known: Self.known,
                                        listing: "start, rate_per_hour or calls, queue (optional)", fail: fail)
            columns = cells.map(\.column)
            start = try CSVHeader.required("start", in: names, line: line, fail: fail)
            value = try CSVHeader.either("rate_per_hour", "calls", in: names, cells, line: line, fail: fail)
            queue = names.firstIndex(of: "queue")
        }
    }

    /// The comma-separated fields of `line` (on line `number`), trimmed,
    /// each with the 1-based column of its first character. A field may be
    /// quoted as in RFC 4180 (`"east, north"`, `""` for a quote inside),
    /// as `acd`'s own CSV files quote names holding commas or quotes.
    /// - Throws: a quote left open, or text after a closing quote.
    static func cells(_ line: Substring, number: Int, fail: CSVHeader.Fail) throws -> [(text: String, column: Int)] {
        var result: [(text: String, column: Int)] = []
        let chars = Array(line)
        var i = 0
        func skipBlanks() { while i < chars.count && (chars[i] == " " || chars[i] == "\t") { i += 1 } }
        while true {
            let fieldStart = i
            skipBlanks()
            var start = i
            var text = ""
            if i < chars.count && chars[i] == "\"" {
                i += 1
                while true {
                    guard i < chars.count else { throw fail(number, start + 1, "a quoted field is not closed") }
                    if chars[i] == "\"" {
                        if i + 1 < chars.count && chars[i + 1] == "\"" {
                            text.append("\"")
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    text.append(chars[i])
                    i += 1
                }
                skipBlanks()
                guard i == chars.count || chars[i] == "," else {
                    throw fail(number, i + 1, "text after the closing quote of a field")
                }
            } else {
                while i < chars.count && chars[i] != "," { i += 1 }
                text = String(chars[start..<i]).trimmingCharacters(in: .whitespaces)
                // An empty field is placed where it starts.
                if text.isEmpty { start = fieldStart }
            }
            result.append((text, start + 1))
            guard i < chars.count else { return result }
            i += 1
        }
    }

    /// `HH:MM` (`H:MM`) or a duration of whole days, hours, minutes and
    /// seconds in that order (`8h30m`, `90m`, `1d2h`, `0s`), as seconds; nil otherwise.
    static func startSeconds(_ text: String) -> Double? {
        StaffingPlanCSV.clockSeconds(text) ?? DurationText.seconds(text[...], wholeNumbers: true)
    }

    /// `HH:MM` for whole minutes (hours beyond 24 for later days), else a duration.
    static func clockText(_ seconds: Double) -> String {
        guard seconds.truncatingRemainder(dividingBy: 60) == 0 else { return durationText(seconds) }
        let minutes = Int(seconds / 60)
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// `30m`, `1h`, `1h30m`, `45s`: whole units from hours down.
    static func durationText(_ seconds: Double) -> String {
        let s = Int(seconds)
        let parts = [(s / 3600, "h"), (s / 60 % 60, "m"), (s % 60, "s")].filter { $0.0 > 0 }
        return parts.isEmpty ? "0s" : parts.map { "\($0.0)\($0.1)" }.joined()
    }
}
