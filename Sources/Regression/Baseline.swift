import Foundation
import Reports
import Simulation

/// What `acd check` compares against: one scenario's figures per replication,
/// its decision digests, and the decisions of replication 0 for `--exact`
/// diagnostics. Stored as `<baselines>/<scenario>/baseline.json`.
public struct Baseline: Sendable {
    public static let formatTag = "acd-check-baseline/1"
    /// A decision log whose JSON would exceed `decisionLogBytes` keeps only
    /// its first `decisionLimit` decisions.
    public static let decisionLimit = 20_000
    public static let decisionLogBytes = 2_000_000

    public var scenario: String
    public var seed: UInt64
    public var replications: Int
    /// Queue names in model order (index = decision queue).
    public var queueNames: [String]
    /// Agent ids in routing order (index = decision agent).
    public var agentNames: [String]
    public var figures: FigureValues
    /// Per replication: the decision digest (16 hex digits) and count.
    public var digests: [String]
    public var decisionCounts: [Int]
    /// The first decisions of replication 0 (all of them when
    /// `decisions.count == decisionCounts[0]`).
    public var decisions: [Decision]

    public init(scenario: String, seed: UInt64, replications: Int, queueNames: [String], agentNames: [String],
                figures: FigureValues, digests: [String], decisionCounts: [Int], decisions: [Decision]) {
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.queueNames = queueNames
        self.agentNames = agentNames
        self.figures = figures
        self.digests = digests
        self.decisionCounts = decisionCounts
        self.decisions = decisions
    }

    /// The baseline of a run of `model`; `counters[0]` must carry its
    /// decisions (run with `recordDecisions`) for `--exact` diagnostics.
    public init(model: SimulationModel, counters: [ReplicationCounters]) {
        self.init(scenario: model.name, seed: model.seed, replications: counters.count,
                  queueNames: model.queues.map(\.name), agentNames: model.routing.agents.map(\.id),
                  figures: FigureValues(model: model, counters: counters),
                  digests: counters.map(\.decisionDigest.description),
                  decisionCounts: counters.map(\.decisionDigest.count),
                  decisions: Self.kept(counters.first?.decisions ?? []))
    }

    /// All of `log`, or its first `decisionLimit` decisions if all would
    /// take more than `decisionLogBytes` of JSON.
    static func kept(_ log: [Decision]) -> [Decision] {
        guard log.count > decisionLimit else { return log }
        // "[time, contact, agent, queue]," plus indentation, per decision.
        func digits(_ x: Int64) -> Int { String(x).utf8.count }
        let bytes = log.reduce(0) { $0 + 14 + digits($1.timeMicros) + digits($1.contact) + digits(Int64($1.agent)) + digits(Int64($1.queue)) }
        return bytes > decisionLogBytes ? Array(log.prefix(decisionLimit)) : log
    }

    /// Whether `decisions` holds all of replication 0's decisions.
    public var decisionsComplete: Bool { decisions.count == (decisionCounts.first ?? 0) }

    /// The row of `figure` at `queue`, if the baseline has it.
    public func row(queue: String, figure: CheckedFigure) -> FigureValues.Row? {
        figures.rows.first { $0.queue == queue && $0.figure == figure }
    }

    // MARK: - JSON

    /// The document, pretty-printed with deterministic number formatting;
    /// scalar arrays and decisions take one line each to keep the file small.
    public var json: String {
        var figureItems: [JSONValue] = []
        for row in figures.rows {
            figureItems.append(.object([
                ("queue", .string(row.queue)), ("figure", .string(row.figure.rawValue)),
                ("mean", .number(row.mean)), ("per_replication", .array(row.perReplication.map { .number($0) })),
            ]))
        }
        let complete = decisionsComplete
        var log: [(String, JSONValue)] = [
            ("replication", .int(0)),
            ("fields", .array(["time_micros", "contact", "agent", "queue"].map { .string($0) })),
            ("complete", .bool(complete)),
        ]
        if !complete {
            log.append(("note", .string("only the first \(decisions.count) of \(decisionCounts.first ?? 0) decisions are kept, to keep this file under 2 MB")))
        }
        log.append(("decisions", .array(decisions.map {
            .array([.int(Int($0.timeMicros)), .int(Int($0.contact)), .int(Int($0.agent)), .int(Int($0.queue))])
        })))
        let document: JSONValue = .object([
            ("format", .string(Self.formatTag)),
            ("generated_by", .string("acd check --update")),
            ("scenario", .string(scenario)),
            ("seed", seed <= UInt64(Int.max) ? .int(Int(seed)) : .string(String(seed))),
            ("replications", .int(replications)),
            ("queues", .array(queueNames.map { .string($0) })),
            ("agents", .array(agentNames.map { .string($0) })),
            ("figures", .array(figureItems)),
            ("decision_digests", .object([
                ("digest", .array(digests.map { .string($0) })),
                ("count", .array(decisionCounts.map { .int($0) })),
            ])),
            ("decision_log", .object(log)),
        ])
        return CompactJSON.render(document) + "\n"
    }

    /// Reads a baseline document; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(CheckInputError) -> Baseline {
        func bad(_ what: String) -> CheckInputError {
            CheckInputError("\(file): \(what); regenerate it with acd check --update")
        }
        let root: JSONValue
        do { root = try JSONReader.parse([UInt8](data)) } catch {
            throw bad("not valid JSON (byte \(error.offset): \(error.message))")
        }
        guard root.objectKeys != nil else { throw bad("expected a JSON object") }
        if let path = root.repeatedKeyPath() { throw bad("\(path): repeated key") }
        guard root["format"]?.stringValue == formatTag else { throw bad("not an \(formatTag) file") }
        guard let scenario = root["scenario"]?.stringValue else { throw bad("missing scenario") }
        let seed: UInt64
        if let s = root["seed"]?.stringValue, let v = UInt64(s) { seed = v } else if let n = root["seed"]?.intValue, n >= 0 {
            seed = UInt64(n)
        } else { throw bad("missing seed") }
        guard let replications = root["replications"]?.intValue, replications >= 1 else { throw bad("missing replications") }
        let queueNames = root["queues"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard !queueNames.isEmpty, queueNames.count == root["queues"]?.arrayValue?.count else {
            throw bad("queues: expected the scenario's queue names")
        }
        let agentNames = root["agents"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard let items = root["figures"]?.arrayValue else { throw bad("missing figures") }
        var rows: [FigureValues.Row] = []
        for (k, item) in items.enumerated() {
            let row = try figureRow(item, path: "figures[\(k)]", replications: replications,
                                    queues: queueNames + [FigureValues.overall], bad: bad)
            if rows.contains(where: { $0.queue == row.queue && $0.figure == row.figure }) {
                throw bad("figures[\(k)]: \(row.queue) \(row.figure.rawValue) appears twice")
            }
            rows.append(row)
        }
        for queue in queueNames + [FigureValues.overall] {
            for figure in CheckedFigure.allCases where figure != .ewtRase
                && !rows.contains(where: { $0.queue == queue && $0.figure == figure }) {
                throw bad("figures: no \(queue) \(figure.rawValue) (every queue and \(FigureValues.overall) has "
                          + "service_level, asa, abandon_rate and occupancy)")
            }
        }
        guard let digests = root["decision_digests"]?["digest"]?.arrayValue?.compactMap(\.stringValue),
              digests.count == replications,
              let counts = root["decision_digests"]?["count"]?.arrayValue?.compactMap(\.intValue),
              counts.count == replications else {
            throw bad("missing decision digests")
        }
        var decisions: [Decision] = []
        for d in root["decision_log"]?["decisions"]?.arrayValue ?? [] {
            guard let f = d.arrayValue?.compactMap(\.intValue), f.count == 4 else { throw bad("a logged decision is malformed") }
            decisions.append(Decision(timeMicros: Int64(f[0]), contact: Int64(f[1]), agent: Int32(truncatingIfNeeded: f[2]),
                                      queue: Int32(truncatingIfNeeded: f[3])))
        }
        return Baseline(scenario: scenario, seed: seed, replications: replications, queueNames: queueNames,
                        agentNames: agentNames, figures: FigureValues(rows: rows), digests: digests,
                        decisionCounts: counts, decisions: decisions)
    }
}

extension Baseline {
    /// Figure entry `item` (at JSON path `path`): a queue among `queues`, a
    /// known figure and `replications` values, each null (undefined) or in
    /// the figure's range.
    static func figureRow(_ item: JSONValue, path: String, replications: Int, queues: [String],
                          bad: (String) -> CheckInputError) throws(CheckInputError) -> FigureValues.Row {
        guard let queue = item["queue"]?.stringValue else { throw bad("\(path).queue: expected a queue name") }
        guard queues.contains(queue) else {
            throw bad("\(path).queue: unknown queue \(queue); queues: \(queues.joined(separator: ", "))")
        }
        guard let figure = item["figure"]?.stringValue.flatMap(CheckedFigure.init(rawValue:)) else {
            throw bad("\(path).figure: expected one of \(CheckedFigure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let items = item["per_replication"]?.arrayValue, items.count == replications else {
            throw bad("\(path).per_replication: expected \(replications) values, one per replication")
        }
        var values: [Double] = []
        for (r, v) in items.enumerated() {
            guard let x = v.doubleValue else { throw bad("\(path).per_replication[\(r)]: expected a number or null") }
            guard x.isNaN || figure.validRange.contains(x) else {
                throw bad("\(path).per_replication[\(r)]: \(queue) \(figure.rawValue) \(x) is out of range \(figure.validRangeText)")
            }
            values.append(x)
        }
        return FigureValues.Row(queue: queue, figure: figure, perReplication: values)
    }
}

/// Pretty JSON like `JSONValue.rendered(pretty: true)`, except that arrays
/// holding only scalars or only arrays of scalars are written on one line
/// (an array of arrays: one inner array per line). Scalars are rendered by
/// `JSONValue` itself, so numbers are formatted the same deterministic way.
enum CompactJSON {
    static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: 0)
        return out
    }

    private static func isScalar(_ v: JSONValue) -> Bool {
        switch v {
        case .array, .object: false
        default: true
        }
    }

    private static func isScalarArray(_ v: JSONValue) -> Bool {
        if case .array(let items) = v { return items.allSatisfy(isScalar) }
        return false
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent + 2)
        switch value {
        case .array(let items) where items.allSatisfy(isScalar):
            out += value.rendered(pretty: false)
        case .array(let items) where items.allSatisfy(isScalarArray):
            out += "[\n" + items.map { pad + $0.rendered(pretty: false) }.joined(separator: ",\n")
                + "\n" + String(repeating: " ", count: indent) + "]"
        case .array(let items):
            out += "[\n"
            for (k, item) in items.enumerated() {
                if k > 0 { out += ",\n" }
                out += pad
                write(item, into: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let fields) where !fields.isEmpty:
            out += "{\n"
            for (k, (key, v)) in fields.enumerated() {
                if k > 0 { out += ",\n" }
                out += pad + JSONValue.string(key).rendered(pretty: false) + ": "
                write(v, into: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        default:
            out += value.rendered(pretty: false)
        }
    }
}

extension Baseline {
    /// What moved from `old` to this baseline, for `acd check --update`:
    /// each figure mean that changed (before → after), and whether the
    /// decision digests changed.
    public func changes(from old: Baseline) -> [String] {
        var lines: [String] = []
        if old.seed != seed || old.replications != replications {
            lines.append("seed \(old.seed) → \(seed), replications \(old.replications) → \(replications)")
        }
        var moved = 0
        for row in figures.rows {
            guard let before = old.row(queue: row.queue, figure: row.figure) else {
                lines.append("\(row.queue) \(row.figure.label): new, \(CheckFormat.value(row.mean, row.figure))")
                continue
            }
            let a = CheckFormat.value(before.mean, row.figure), b = CheckFormat.value(row.mean, row.figure)
            let same = before.perReplication.count == row.perReplication.count
                && zip(before.perReplication, row.perReplication).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            if !same {
                moved += 1
                let d = CheckFormat.difference(row.mean - before.mean, row.figure, digits: 2, unit: true)
                lines.append("\(row.queue) \(row.figure.label): \(a) → \(b) (\(d))")
            }
        }
        for row in old.figures.rows where self.row(queue: row.queue, figure: row.figure) == nil {
            lines.append("\(row.queue) \(row.figure.label): removed (was \(CheckFormat.value(row.mean, row.figure)))")
        }
        if moved == 0 { lines.append("no figure moved") }
        let changed = zip(old.digests, digests).filter { $0 != $1 }.count + abs(old.digests.count - digests.count)
        lines.append(changed == 0 && old.digests.count == digests.count
            ? "decision digests unchanged"
            : "decision digests changed in \(changed) of \(digests.count) replications")
        return lines
    }
}
