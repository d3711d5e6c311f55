import Foundation

/// Number formatting shared by the renderings: shares in % and points,
/// ASA in seconds; "−" for negative differences.
public enum CheckFormat {
    static func fixed(_ x: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", x)
    }

    /// A figure's value: "95.1%" or "12.3 s"; "n/a" if undefined.
    public static func value(_ x: Double, _ f: CheckedFigure) -> String {
        guard x.isFinite else { return "n/a" }
        return f.isShare ? fixed(x * 100, 1) + "%" : fixed(x, 1) + " s"
    }

    /// A signed difference: "−4.4 points" / "+7.8 s" (with `unit`), or "−4.4".
    public static func difference(_ x: Double, _ f: CheckedFigure, digits: Int, unit: Bool) -> String {
        guard x.isFinite else { return "n/a" }
        let scaled = f.isShare ? x * 100 : x
        var text = fixed(abs(scaled), digits)
        let zero = Double(text) == 0
        text = (zero ? "±" : scaled < 0 ? "−" : "+") + text
        if unit { text += f.isShare ? " points" : " s" }
        return text
    }

    /// "1 point", "0.5 points", "2 s".
    public static func tolerance(_ x: Double, _ f: CheckedFigure) -> String {
        if f.isShare {
            let p = x * 100
            let text = p == p.rounded() ? String(Int(p)) : trimmed(p)
            return text + (p == 1 ? " point" : " points")
        }
        return (x == x.rounded() ? String(Int(x)) : fixed(x, 1)) + " s"
    }

    static func trimmed(_ x: Double) -> String {
        var s = fixed(x, 3)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// "[−0.62, −0.31]" in points or seconds.
    public static func interval(_ low: Double, _ high: Double, _ f: CheckedFigure) -> String {
        guard low.isFinite, high.isFinite else { return "n/a" }
        return "[\(difference(low, f, digits: 2, unit: false)), \(difference(high, f, digits: 2, unit: false))]"
    }

    /// Cells of a table row: scenario, queue, figure, baseline, now,
    /// difference, 95% CI of the difference, verdict.
    static func cells(_ c: FigureCheck) -> [String] {
        let p = c.comparison
        return [c.scenario, c.queue, c.figure.rawValue, value(p.baselineMean, c.figure), value(p.nowMean, c.figure),
                difference(p.meanDifference, c.figure, digits: 2, unit: true), interval(p.ciLow, p.ciHigh, c.figure),
                c.verdict.rawValue]
    }

    static let header = ["scenario", "queue", "figure", "baseline", "now", "difference", "95% CI of difference", "verdict"]
}

extension CheckReport {
    /// The text table, then failures, improvements, decision digests and a summary line.
    public var text: String {
        let rows = [CheckFormat.header] + allFigures.map(CheckFormat.cells)
        var widths = Array(repeating: 0, count: CheckFormat.header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (k, row) in rows.enumerated() {
            let line = row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i >= 3 && i <= 6 ? pad + cell : cell + pad
            }.joined(separator: "  ")
            out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            if k == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        let failures = failureMessages
        if !failures.isEmpty {
            out += "\nFAILED:\n" + failures.map { "  " + $0 + "\n" }.joined()
        }
        let improvements = allFigures.filter { $0.verdict == .improved }
        if !improvements.isEmpty {
            out += "\nImproved:\n" + improvements.map { "  " + $0.message + "\n" }.joined()
        }
        out += "\n"
        for s in scenarios {
            let mode = s.digest.exact ? "--exact" : "info"
            out += "\(s.scenario): \(mode): \(s.digest.summary)\n"
            for line in s.digest.explanation { out += "  \(line)\n" }
        }
        out += "\n" + summaryLine + "\n"
        return out
    }

    /// "acd check: 2 scenarios, 40 figures: 30 pass, 1 fail, 1 improved, 8 info; FAILED"
    public var summaryLine: String {
        let figures = allFigures.count
        var line = "acd check: \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s"), \(figures) figures: "
            + "\(count(.pass)) pass, \(count(.fail)) fail, \(count(.improved)) improved, \(count(.info)) info"
        if exact {
            let bad = scenarios.filter { $0.digest.verdict == .fail }.count
            line += "; decision digests \(bad == 0 ? "identical" : "differ in \(bad) scenario\(bad == 1 ? "" : "s")")"
        }
        return line + (failed ? "; FAILED" : "; passed")
    }

    // MARK: - JUnit

    /// JUnit XML: one test suite per scenario, one test case per queue and
    /// figure (plus one for the decision digest with `--exact`).
    public var junit: String {
        func attr(_ s: String) -> String {
            var out = ""
            for ch in s.unicodeScalars {
                switch ch {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "\n": out += "&#10;"
                case let c where c.value < 0x20 && c != "\t": out += " "
                default: out.unicodeScalars.append(ch)
                }
            }
            return out
        }
        let digestCases = scenarios.filter { $0.digest.exact }.count
        let failures = scenarios.reduce(0) { $0 + $1.figures.filter { $0.verdict == .fail }.count + ($1.digest.verdict == .fail ? 1 : 0) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"acd check\" tests=\"\(allFigures.count + digestCases)\" failures=\"\(failures)\">\n"
        for s in scenarios {
            let tests = s.figures.count + (s.digest.exact ? 1 : 0)
            let fails = s.figures.filter { $0.verdict == .fail }.count + (s.digest.verdict == .fail ? 1 : 0)
            out += "  <testsuite name=\"\(attr(s.scenario))\" tests=\"\(tests)\" failures=\"\(fails)\" errors=\"0\">\n"
            for c in s.figures {
                let name = "\(c.queue): \(c.figure.label)"
                let cells = CheckFormat.cells(c)
                let detail = "baseline \(cells[3]), now \(cells[4]), difference \(cells[5]), 95% CI \(cells[6]), verdict \(c.verdict.rawValue)"
                    + (c.tolerance.map { ", tolerance \(CheckFormat.tolerance($0, c.figure))" } ?? "")
                out += "    <testcase classname=\"acd.check.\(attr(s.scenario))\" name=\"\(attr(name))\""
                switch c.verdict {
                case .fail:
                    out += ">\n      <failure message=\"\(attr(c.message))\" type=\"regression\">\(attr(detail))</failure>\n    </testcase>\n"
                default:
                    out += ">\n      <system-out>\(attr(c.verdict == .pass ? detail : c.message + "; " + detail))</system-out>\n    </testcase>\n"
                }
            }
            if s.digest.exact {
                out += "    <testcase classname=\"acd.check.\(attr(s.scenario))\" name=\"decision digest\""
                if s.digest.verdict == .fail {
                    let body = ([s.digest.summary] + s.digest.explanation).joined(separator: "\n")
                    out += ">\n      <failure message=\"\(attr("\(s.scenario): --exact: \(s.digest.summary)"))\" type=\"exact\">\(attr(body))</failure>\n    </testcase>\n"
                } else {
                    out += "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    // MARK: - Markdown

    /// A pull-request comment: verdict, a summary per scenario, the failures
    /// and improvements, and the full table folded away.
    public var markdown: String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "### acd check: \(failed ? "❌ failed" : "✅ passed")\n\n"
        out += "| Scenario | Pass | Fail | Improved | Info | Decision digests |\n|---|---:|---:|---:|---:|---|\n"
        for s in scenarios {
            func n(_ v: Verdict) -> Int { s.figures.filter { $0.verdict == v }.count }
            let digest = s.digest.identical ? "identical" : "differ in \(s.digest.replications - s.digest.matching)/\(s.digest.replications)"
                + (s.digest.exact ? " (**fail**, --exact)" : "")
            out += "| \(cell(s.scenario)) | \(n(.pass)) | \(n(.fail)) | \(n(.improved)) | \(n(.info)) | \(digest) |\n"
        }
        let failures = failureMessages
        if !failures.isEmpty {
            out += "\n**Failures**\n\n" + failures.map { "- " + cell($0) + "\n" }.joined()
        }
        let improvements = allFigures.filter { $0.verdict == .improved }
        if !improvements.isEmpty {
            out += "\n**Improvements**\n\n" + improvements.map { "- " + cell($0.message) + "\n" }.joined()
        }
        let explanations = scenarios.filter { !$0.digest.explanation.isEmpty }
        for s in explanations {
            out += "\n`\(s.scenario)`:\n\n```\n" + s.digest.explanation.joined(separator: "\n") + "\n```\n"
        }
        out += "\n<details><summary>All figures</summary>\n\n"
        out += "| " + CheckFormat.header.map(cell).joined(separator: " | ") + " |\n"
        out += "|---|---|---|---:|---:|---:|---:|---|\n"
        for c in allFigures {
            out += "| " + CheckFormat.cells(c).map(cell).joined(separator: " | ") + " |\n"
        }
        out += "\n</details>\n"
        return out
    }
}
