import Foundation
import Simulation

/// A staffing plan read from CSV (`interval,group,headcount`): per group,
/// headcount per staffing interval; entries the file does not give keep the
/// scenario's value, and groups staffed by shifts that it does not name keep
/// their shifts.
public struct StaffingPlanCSV: Sendable, Equatable {
    /// Per group, the headcount of every staffing interval; nil for a group
    /// staffed by shifts that the file does not name.
    public var headcounts: [[Int]?]
    /// Whether the figures are agents on duty (a `required` column, as in
    /// `acd staff`'s staffing.csv) rather than scheduled agents (a
    /// `headcount` column), of whom a group's shrinkage is absent.
    public var onDuty: Bool

    /// Reads `text` (from `file`, for messages) against `model`: the interval
    /// is a 0-based index or an `HH:MM` start time (a multiple of the
    /// model's interval), the group one of the model's, the headcount ≥ 0.
    /// The header names `interval`, `group` and either `headcount` or
    /// `required`, each once, and optionally `scheduled` (as in `acd staff`'s
    /// staffing.csv: checked to be a count, not used). A group staffed by
    /// shifts is given for every interval or not at all.
    /// - Throws: `ScenarioError` naming file, line and column of the first problem.
    public init(_ text: String, file: String, model: SimulationModel) throws {
        let n = model.staffingIntervalCount
        var result: [[Int]?] = model.groups.map { g in
            g.shifts.isEmpty ? (0..<n).map { g.headcount.isEmpty ? 0 : g.headcount[$0 % g.headcount.count] } : nil
        }
        var seen = Set<[Int]>()
        /// Per group, the line of its first entry.
        var firstLine: [Int: Int] = [:]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        func fail(_ line: Int, _ column: Int, _ message: String) -> ScenarioError {
            ScenarioError(file: file, line: line, column: column, path: "", message: message)
        }
        var header: Header?
        for (k, raw) in lines.enumerated() {
            let lineNumber = k + 1
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            let cells = try ArrivalProfileCSV.cells(raw, number: lineNumber, fail: fail)
            if cells.allSatisfy({ $0.text.isEmpty }) { continue }
            guard let h = header else {
                header = try Header(cells, line: lineNumber, fail: fail)
                continue
            }
            guard cells.count == h.names.count else {
                throw fail(lineNumber, 1, "expected \(h.names.count) fields (\(h.names.joined(separator: ","))), got \(cells.count)")
            }
            let intervalCell = cells[h.interval]
            let interval = try Self.interval(intervalCell.text, model: model) { fail(lineNumber, intervalCell.column, $0) }
            let groupCell = cells[h.group]
            guard let g = model.groups.firstIndex(where: { $0.name == groupCell.text }) else {
                throw fail(lineNumber, groupCell.column, "unknown group \(groupCell.text); groups: \(model.groups.map(\.name).joined(separator: ", "))")
            }
            let countCell = cells[h.count]
            guard let headcount = Int(countCell.text), (0...ScenarioLimits.mostAgents).contains(headcount) else {
                throw fail(lineNumber, countCell.column,
                           "\(h.names[h.count]) \(countCell.text): expected an integer 0 to \(ScenarioLimits.mostAgents)")
            }
            if let s = h.scheduled, !(Int(cells[s].text).map { $0 >= 0 } ?? false) {
                throw fail(lineNumber, cells[s].column, "scheduled \(cells[s].text): expected an integer ≥ 0")
            }
            guard seen.insert([g, interval]).inserted else {
                throw fail(lineNumber, 1, "group \(groupCell.text), interval \(intervalCell.text) given twice")
            }
            if firstLine[g] == nil { firstLine[g] = lineNumber }
            if result[g] == nil { result[g] = Array(repeating: 0, count: n) }
            result[g]![interval] = headcount
        }
        guard let header else { throw fail(1, 1, "empty staffing plan") }
        guard !seen.isEmpty else { throw fail(header.line, 1, "no rows after the header") }
        for (g, line) in firstLine.sorted(by: { $0.value < $1.value }) where !model.groups[g].shifts.isEmpty {
            let given = seen.filter { $0[0] == g }.count
            if given < n {
                throw fail(line, 1, "group \(model.groups[g].name) is staffed by shifts: give all \(n) intervals or none (got \(given))")
            }
        }
        headcounts = result
        onDuty = header.names[header.count] == "required"
    }

    /// The staffing interval that `text` (a 0-based index or a start time)
    /// names; `fail` makes the error for a bad one.
    static func interval(_ text: String, model: SimulationModel, fail: (String) -> ScenarioError) throws -> Int {
        let interval: Int
        if let index = Int(text) {
            interval = index
        } else if let seconds = clockSeconds(text) {
            let ratio = seconds / model.intervalSeconds
            guard ratio == ratio.rounded() else {
                throw fail("interval \(text) is not the start of an interval: they are "
                           + "\(ArrivalProfileCSV.durationText(model.intervalSeconds)) long, from 00:00")
            }
            interval = Int(ratio)
        } else {
            throw fail("interval \(text): expected a 0-based index, HH:MM or HH:MM:SS")
        }
        guard (0..<model.staffingIntervalCount).contains(interval) else {
            throw fail("unknown interval \(text): the scenario has \(model.staffingIntervalCount) intervals")
        }
        return interval
    }

    /// The header row: column names (lowercased) and where each is.
    struct Header {
        static let known = ["interval", "group", "headcount", "required", "scheduled"]
        var line: Int
        var names: [String]
        var interval: Int
        var group: Int
        /// `headcount` or `required`.
        var count: Int
        var scheduled: Int?

        init(_ cells: [(text: String, column: Int)], line: Int, fail: (Int, Int, String) -> ScenarioError) throws {
            self.line = line
            names = try CSVHeader.names(cells, line: line, known: Self.known,
                                        listing: "interval, group, headcount or required, scheduled (optional, not used)", fail: fail)
            interval = try CSVHeader.required("interval", in: names, line: line, fail: fail)
            group = try CSVHeader.required("group", in: names, line: line, fail: fail)
            count = try CSVHeader.either("headcount", "required", in: names, cells, line: line, fail: fail)
            scheduled = names.firstIndex(of: "scheduled")
        }
    }

    /// `HH:MM` or `H:MM`, optionally `:SS`, as seconds from midnight of the
    /// first day (hours past 24 for later days); nil otherwise (also for a
    /// sign: `-00:30` is no time).
    static func clockSeconds(_ s: String) -> Double? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]) else { return nil }
        var seconds = h * 3600
        for (k, part) in parts.dropFirst().enumerated() {
            guard part.count == 2, let v = Int(part), (0..<60).contains(v) else { return nil }
            seconds += k == 0 ? v * 60 : v
        }
        return Double(seconds)
    }
}

