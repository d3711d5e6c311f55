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
    /// Extra columns (e.g. `scheduled` in `acd staff`'s staffing.csv) are
    /// allowed: with a `headcount` column it is used, else `required`. A
    /// group staffed by shifts is given for every interval or not at all.
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
        var header: [String]?
        var columns = (interval: 0, group: 0, headcount: 0)
        var onDuty = false
        for (k, raw) in lines.enumerated() {
            let lineNumber = k + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard header != nil else {
                let names = fields.map { $0.lowercased() }
                guard let i = names.firstIndex(of: "interval"), let g = names.firstIndex(of: "group"),
                      let h = names.firstIndex(of: "headcount") ?? names.firstIndex(of: "required") else {
                    throw fail(lineNumber, 1, "expected a header with columns interval,group,headcount")
                }
                header = names
                columns = (i, g, h)
                onDuty = names[h] == "required"
                continue
            }
            func column(_ index: Int) -> Int {
                fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
            }
            guard fields.count == header!.count else {
                throw fail(lineNumber, 1, "expected \(header!.count) fields, got \(fields.count)")
            }
            let intervalText = fields[columns.interval]
            let interval: Int
            if let index = Int(intervalText) {
                interval = index
            } else if let seconds = Self.clockSeconds(intervalText) {
                let ratio = seconds / model.intervalSeconds
                guard ratio == ratio.rounded() else {
                    throw fail(lineNumber, column(columns.interval), "interval \(intervalText) is not the start of a \(Int(model.intervalSeconds / 60))-minute interval")
                }
                interval = Int(ratio)
            } else {
                throw fail(lineNumber, column(columns.interval), "interval \(intervalText): expected a 0-based index or HH:MM")
            }
            guard (0..<n).contains(interval) else {
                throw fail(lineNumber, column(columns.interval), "unknown interval \(intervalText): the scenario has \(n) intervals")
            }
            let name = fields[columns.group]
            guard let g = model.groups.firstIndex(where: { $0.name == name }) else {
                throw fail(lineNumber, column(columns.group), "unknown group \(name); groups: \(model.groups.map(\.name).joined(separator: ", "))")
            }
            guard let headcount = Int(fields[columns.headcount]), (0...ScenarioLimits.mostAgents).contains(headcount) else {
                throw fail(lineNumber, column(columns.headcount),
                           "headcount \(fields[columns.headcount]): expected an integer 0 to \(ScenarioLimits.mostAgents)")
            }
            guard seen.insert([g, interval]).inserted else {
                throw fail(lineNumber, 1, "group \(name), interval \(intervalText) given twice")
            }
            if firstLine[g] == nil { firstLine[g] = lineNumber }
            if result[g] == nil { result[g] = Array(repeating: 0, count: n) }
            result[g]![interval] = headcount
        }
        guard header != nil else { throw fail(1, 1, "empty staffing plan") }
        for (g, line) in firstLine.sorted(by: { $0.value < $1.value }) where !model.groups[g].shifts.isEmpty {
            let given = seen.filter { $0[0] == g }.count
            if given < n {
                throw fail(line, 1, "group \(model.groups[g].name) is staffed by shifts: give all \(n) intervals or none (got \(given))")
            }
        }
        headcounts = result
        self.onDuty = onDuty
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

