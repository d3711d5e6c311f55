import RoutingCore
import Simulation

/// The files and tables `acd simulate` produces from a `SimulationResult`.
/// Everything here is a pure function of the result, so the same scenario
/// and seed give byte-identical files.
public struct SimulationReport: Sendable {
    public let result: SimulationResult

    public init(result: SimulationResult) {
        self.result = result
    }

    static func estimateJSON(_ e: Estimate) -> JSONValue {
        .object([("mean", .number(e.mean)), ("ci_low", .number(e.ciLow)), ("ci_high", .number(e.ciHigh))])
    }

    static func figuresJSON(_ f: FigureEstimates) -> JSONValue {
        .object(f.named.map { ($0.name, estimateJSON($0.estimate)) })
    }

    /// The summary object; `wallSeconds` is included only when given (stdout),
    /// never in `summary.json`, which must be byte-identical between runs.
    public func summaryJSON(wallSeconds: Double? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("scenario", .string(result.scenario)),
            ("replications", .int(result.replications)),
            ("seed", .unsigned(result.seed)),
            ("calls", .int(result.calls)),
            ("simulated_calls", .int(result.simulatedCalls)),
        ]
        if let wallSeconds { fields.append(("wall_seconds", .number((wallSeconds * 1000).rounded() / 1000))) }
        fields.append(("overall", Self.figuresJSON(result.overall)))
        fields.append(("queues", .object(zip(result.queueNames, result.queues).map { ($0, Self.figuresJSON($1)) })))
        fields.append(("unresolved", .object(zip(result.queueNames, result.unresolved).map { ($0, .int($1)) })))
        fields.append(("ewt", ewtJSON))
        return .object(fields)
    }

    /// Accuracy of every wait-time method at each queue that announced waits:
    /// `{queue: {announced, best, announcements, censored, methods: {name: {...}}}}`.
    public var ewtJSON: JSONValue {
        .object(result.queueNames.indices.compactMap { q -> (String, JSONValue)? in
            guard let a = result.waitAccuracy[q] else { return nil }
            let methods: [(String, JSONValue)] = a.methods.map { m in
                (snakeCased(m.method.rawValue), .object([
                    ("rase", Self.estimateJSON(m.rase)),
                    ("rase_served_only", Self.estimateJSON(m.raseServedOnly)),
                    ("bias", Self.estimateJSON(m.bias)),
                    ("mae", Self.estimateJSON(m.meanAbsoluteError)),
                    ("within_30s", Self.estimateJSON(m.within30Seconds)),
                    ("within_20pct", Self.estimateJSON(m.within20Percent)),
                    ("understated_60s", Self.estimateJSON(m.understatedByMinute)),
                    ("mean_realised_wait", Self.estimateJSON(m.meanRealised)),
                ]))
            }
            return (result.queueNames[q], .object([
                ("announced", .string(snakeCased(a.announced.rawValue))),
                ("best", a.best.map { .string(snakeCased($0.rawValue)) } ?? .null),
                ("announcements", Self.estimateJSON(a.announcements)),
                ("censored", Self.estimateJSON(a.censored)),
                ("methods", .object(methods)),
            ]))
        })
    }

    /// Wait-time accuracy per queue and method, for the terminal.
    public var ewtTable: String {
        var rows: [[String]] = []
        for q in result.queueNames.indices {
            guard let a = result.waitAccuracy[q] else { continue }
            for m in a.methods {
                let mark = (m.method == a.announced ? "announced" : "") + (m.method == a.best ? (m.method == a.announced ? ", best" : "best") : "")
                rows.append([result.queueNames[q], snakeCased(m.method.rawValue), fixed(m.rase.mean, 1),
                             fixed(m.raseServedOnly.mean, 1), fixed(m.bias.mean, 1), fixed(m.meanAbsoluteError.mean, 1),
                             percent(m.within30Seconds.mean), percent(m.within20Percent.mean),
                             percent(m.understatedByMinute.mean), mark])
            }
        }
        guard !rows.isEmpty else { return "" }
        let header = ["queue", "method", "RASE s", "RASE served s", "bias s", "MAE s", "≤30 s", "≤20 %", "under >60 s", "note"]
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                c < 2 || c == cells.count - 1 ? text.padding(toLength: widths[c]) : text.leftPadding(toLength: widths[c])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return "wait-time announcements: accuracy against realised waits (mean over replications)\n"
            + ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// Label of reporting interval `i`: its start as `HH:MM` of the run's
    /// clock (with a day prefix beyond the first day).
    public func intervalLabel(_ i: Int) -> String {
        clockLabel(result.grid.start(of: i))
    }

    /// `intervals.csv`: one row per interval and queue; with an IVR, its
    /// contained share in a last column.
    public var intervalsCSV: String {
        let withIVR = result.overall.ivrContained != nil
        var out = "interval_start,queue,offered,service_level,service_level_ci_low,service_level_ci_high,"
            + "service_level_answered,asa,abandon_rate,aht,occupancy" + (withIVR ? ",ivr_contained\n" : "\n")
        let count = result.intervals.first?.count ?? 0
        for i in 0..<count {
            for (q, name) in result.queueNames.enumerated() {
                let f = result.intervals[q][i]
                let cells = [f.offered.mean, f.serviceLevel.mean, f.serviceLevel.ciLow, f.serviceLevel.ciHigh,
                             f.serviceLevelAnswered.mean, f.asa.mean, f.abandonRate.mean, f.aht.mean, f.occupancy.mean]
                    + (f.ivrContained.map { [$0.mean] } ?? [])
                out += "\(intervalLabel(i)),\(csvField(name)),"
                    + cells.map { csvNumber($0) }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `agents.csv`: one row per interval and agent group.
    public var agentsCSV: String {
        var out = "interval_start,group,staffed,occupancy\n"
        let count = result.groups.first?.count ?? 0
        for i in 0..<count {
            for (g, name) in result.groupNames.enumerated() {
                let e = result.groups[g][i]
                out += "\(intervalLabel(i)),\(csvField(name)),\(csvNumber(e.staffed.mean)),\(csvNumber(e.occupancy.mean))\n"
            }
        }
        return out
    }

    /// A readable table per queue and, with several queues, overall (one
    /// queue's row is the overall), for the terminal; with an IVR, its
    /// contained share after the offered contacts.
    public var table: String {
        let withIVR = result.overall.ivrContained != nil
        let header = ["queue", "offered"] + (withIVR ? ["IVR contained"] : [])
            + ["SL", "95% CI", "SL ans.", "ASA s", "abandon", "AHT s", "occupancy"]
        var rows: [[String]] = []
        func row(_ name: String, _ f: FigureEstimates) -> [String] {
            let ivr = f.ivrContained.map { [percent($0.mean)] } ?? []
            return [name, offeredText(f.offered.mean)] + ivr
                + [percent(f.serviceLevel.mean), range(f.serviceLevel, percent),
                   percent(f.serviceLevelAnswered.mean), fixed(f.asa.mean, 1), percent(f.abandonRate.mean),
                   fixed(f.aht.mean, 1), percent(f.occupancy.mean)]
        }
        for (q, name) in result.queueNames.enumerated() { rows.append(row(name, result.queues[q])) }
        if result.queueNames.count > 1 { rows.append(row("overall", result.overall)) }
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                c == 0 ? text.padding(toLength: widths[c]) : text.leftPadding(toLength: widths[c])
            }.joined(separator: "  ")
        }
        var out = "\(result.scenario): \(replicationsText), \(result.calls) calls after warm-up "
            + "(offered = mean per replication)\n"
        out += line(header) + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }

    /// `report.html`: one self-contained page with SVG charts.
    public var html: String {
        let count = result.intervals.first?.count ?? 0
        let labels = (0..<count).map(intervalLabel)
        var slSeries = result.queueNames.indices.map { q in
            ChartSeries(name: result.queueNames[q], values: result.intervals[q].map(\.serviceLevel.mean))
        }
        for (q, target) in result.targets.enumerated() {
            if let target {
                slSeries.append(ChartSeries(name: "target \(result.queueNames[q])",
                                            values: Array(repeating: target.serviceLevel, count: count), dashed: true))
            }
        }
        let waiting = result.queueNames.indices.map { q in
            ChartSeries(name: result.queueNames[q], values: result.intervals[q].map(\.waiting.mean))
        }
        let asa = result.queueNames.indices.map { q in
            ChartSeries(name: result.queueNames[q], values: result.intervals[q].map(\.asa.mean))
        }
        let abandon = result.queueNames.indices.map { q in
            ChartSeries(name: result.queueNames[q], values: result.intervals[q].map(\.abandonRate.mean))
        }
        let occupancy = result.groupNames.indices.map { g in
            ChartSeries(name: result.groupNames[g], values: result.groups[g].map(\.occupancy.mean))
        }
        let staffing = result.groupNames.indices.map { g in
            ChartSeries(name: result.groupNames[g], values: result.groups[g].map(\.staffed.mean))
        }
        let charts = [
            SVGLineChart(title: "Service level per interval (dashed: target)", xLabels: labels, series: slSeries,
                         yRange: 0...1, scale: .percent),
            SVGLineChart(title: "Contacts waiting (time average)", xLabels: labels, series: waiting),
            SVGLineChart(title: "Average speed of answer (s)", xLabels: labels, series: asa),
            SVGLineChart(title: "Abandonment rate", xLabels: labels, series: abandon, scale: .percent),
            SVGLineChart(title: "Occupancy per agent group", xLabels: labels, series: occupancy, yRange: 0...1, scale: .percent),
            SVGLineChart(title: "Agents staffed per group", xLabels: labels, series: staffing),
        ]
        let tableRows = result.queueNames.indices.map { q -> String in
            let f = result.queues[q]
            return "<tr><td>\(escapeXML(result.queueNames[q]))</td>"
                + f.named.map { "<td>\(cell($0.name, $0.estimate))</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        let overallRow = "<tr class=\"overall\"><td>overall</td>"
            + result.overall.named.map { "<td>\(cell($0.name, $0.estimate))</td>" }.joined() + "</tr>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(escapeXML(result.scenario)) — acd simulate</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
            td:first-child,th:first-child{text-align:left}tr.overall{font-weight:bold}
            .ci{color:#777;font-size:85%}figure{margin:1.5em 0}
            </style></head><body>
            <h1>\(escapeXML(result.scenario))</h1>
            <p>\(replicationsText), \(result.calls) calls after warm-up. Figures are means over replications with 95% confidence intervals.</p>
            <table><tr><th>queue</th>\(result.overall.named.map { "<th>\(Self.label($0.name))</th>" }.joined())</tr>
            \(tableRows)
            \(overallRow)
            </table>
            \(charts.map { "<figure>\($0.svg)</figure>" }.joined(separator: "\n"))
            \(ewtHTML)
            </body></html>

            """
    }

    /// A bar chart of each method's RASE per queue, and the table behind it.
    var ewtHTML: String {
        let queues = result.queueNames.indices.filter { result.waitAccuracy[$0] != nil }
        guard !queues.isEmpty else { return "" }
        let methods = result.waitAccuracy[queues[0]]!.methods.map(\.method)
        let rase = queues.map { q in result.waitAccuracy[q]!.methods.map(\.rase.mean) }
        let top = max(1, rase.flatMap { $0 }.filter(\.isFinite).max() ?? 1)
        // The bars leave room after the longest for its label: method and value.
        let labels = methods.map { snakeCased($0.rawValue) + " " + fixed(top, 1) }
        let names = queues.map { result.queueNames[$0] }
        let barH = 14.0, groupGap = 10.0
        let left = min(max(130, 10 + (names.map { textWidth($0, fontSize: 11) }.max() ?? 0)), 300)
        let width = 760 - left - 4 - (labels.map { textWidth($0, fontSize: 10) }.max() ?? 0)
        let height = Double(queues.count) * (Double(methods.count) * barH + groupGap) + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"\(Int(height))\" role=\"img\" aria-label=\"wait-time accuracy\">\n"
        svg += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">Wait-time announcements: RASE per method (s, lower is better)</text>\n"
        var y = 30.0
        for (k, q) in queues.enumerated() {
            svg += "<text x=\"0\" y=\"\(fixed(y + barH, 1))\" font-size=\"11\"><title>\(escapeXML(result.queueNames[q]))</title>"
                + "\(escapeXML(fitted(result.queueNames[q], width: left - 10, fontSize: 11)))</text>\n"
            for (m, method) in methods.enumerated() {
                let v = rase[k][m]
                let w = v.isFinite ? width * v / top : 0
                let color = SVGLineChart.palette[m % SVGLineChart.palette.count]
                svg += "<rect x=\"\(fixed(left, 1))\" y=\"\(fixed(y, 1))\" width=\"\(fixed(w, 1))\" height=\"\(fixed(barH - 2, 1))\" fill=\"\(color)\"/>"
                svg += "<text x=\"\(fixed(left + w + 4, 1))\" y=\"\(fixed(y + barH - 4, 1))\" font-size=\"10\">\(escapeXML(snakeCased(method.rawValue))) \(fixed(v, 1))</text>\n"
                y += barH
            }
            y += groupGap
        }
        svg += "</svg>"
        return "<h2>Wait-time announcements</h2>\n<figure>\(svg)</figure>\n<pre>\(escapeXML(ewtTable))</pre>"
    }

    /// Column headings for figure names.
    static func label(_ name: String) -> String {
        switch name {
        case "ivr_contained": return "IVR contained"
        case "service_level": return "service level"
        case "service_level_answered": return "SL of answered"
        case "asa": return "ASA s"
        case "abandon_rate": return "abandoned"
        case "aht": return "AHT s"
        case "waiting": return "waiting (avg)"
        case "balk_rate": return "balked"
        case "callback_rate": return "callbacks"
        default: return name
        }
    }

    private func cell(_ name: String, _ e: Estimate) -> String {
        switch name {
        case "offered": return offeredText(e.mean)
        case "waiting": return fixed(e.mean, 2)
        case "asa", "aht": return "\(fixed(e.mean, 1)) <span class=\"ci\">\(range(e) { fixed($0, 1) })</span>"
        default: return "\(percent(e.mean)) <span class=\"ci\">\(range(e, percent))</span>"
        }
    }

    /// "10 replications", "1 replication".
    private var replicationsText: String {
        "\(result.replications) replication\(result.replications == 1 ? "" : "s")"
    }
}

/// The confidence interval of `e` as "low–high", or "n/a" when undefined
/// (one replication).
func range(_ e: Estimate, _ text: (Double) -> String) -> String {
    e.ciLow.isFinite && e.ciHigh.isFinite ? "\(text(e.ciLow))–\(text(e.ciHigh))" : "n/a"
}

/// A mean count per replication: whole from 10 up, below it with a decimal
/// (0.3 offered beside 100 % abandoned, not 0).
func offeredText(_ x: Double) -> String { fixed(x, x < 10 ? 1 : 0) }

func percent(_ x: Double) -> String { x.isFinite ? fixed(x * 100, 1) + "%" : "n/a" }

func csvNumber(_ x: Double) -> String { x.isFinite ? JSONValue.format(x) : "" }

/// `s` as one CSV field: quoted (RFC 4180) when it holds a comma or a quote.
public func csvField(_ s: String) -> String {
    s.contains(",") || s.contains("\"") ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
}

/// `HH:MM` for a time in seconds, the hours running on past 24 from the
/// second day (`24:00`, `47:30`), as inputs write times; `HH:MM:SS` when it
/// is not a whole minute.
public func clockLabel(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    func two(_ n: Int) -> String { (n < 10 ? "0" : "") + String(n) }
    let hm = two(total / 3600) + ":" + two(total % 3600 / 60)
    return total % 60 == 0 ? hm : hm + ":" + two(total % 60)
}

extension String {
    func padding(toLength n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPadding(toLength n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
