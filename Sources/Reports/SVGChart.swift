/// One line of a chart: a name for the legend and a value per x position
/// (NaN leaves a gap).
public struct ChartSeries: Sendable {
    public var name: String
    public var values: [Double]
    public var dashed: Bool

    public init(name: String, values: [Double], dashed: Bool = false) {
        self.name = name
        self.values = values
        self.dashed = dashed
    }
}

/// How a chart's y axis reads: plain numbers, shares shown in percent, or
/// whole counts (agents), which tick at whole numbers only.
public enum ChartScale: Sendable {
    case number, percent, count
}

/// A self-contained SVG line chart (no scripts, no external assets). The y
/// axis ticks at round values (1, 2, 2.5 or 5 times a power of ten, of the
/// shown unit), each labelled with its exact value.
public struct SVGLineChart: Sendable {
    public var title: String
    public var xLabels: [String]
    public var series: [ChartSeries]
    public var scale: ChartScale
    /// Fixed y range; derived from the data when nil (from 0, or the lowest
    /// value if negative, up to the first tick at or above the highest).
    public var yRange: ClosedRange<Double>?

    public init(title: String, xLabels: [String], series: [ChartSeries],
                yRange: ClosedRange<Double>? = nil, scale: ChartScale = .number) {
        self.title = title
        self.xLabels = xLabels
        self.series = series
        self.yRange = yRange
        self.scale = scale
    }

    /// The tick step for values from `lo` to `hi`: at most four steps, a
    /// round number of the shown unit (a whole one for counts).
    static func tickStep(lo: Double, hi: Double, scale: ChartScale) -> Double {
        let unit = scale == .percent ? 0.01 : 1
        let raw = (hi - lo) / 4 / unit
        var magnitude = 1.0
        while magnitude > raw { magnitude /= 10 }
        while magnitude * 10 <= raw { magnitude *= 10 }
        let multiples: [Double] = scale == .count ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        var step = multiples.first { $0 * magnitude >= raw * (1 - 1e-12) }! * magnitude
        if scale == .count { step = max(1, step.rounded()) }
        return step * unit
    }

    /// The label of tick `v` when ticks are `step` apart: exact, with as
    /// few decimals as the step needs.
    func tickLabel(_ v: Double, step: Double) -> String {
        let unit = scale == .percent ? 100.0 : 1
        var decimals = 0, scaled = step * unit
        while decimals < 6 && abs(scaled - scaled.rounded()) > 1e-6 * max(1, scaled) {
            decimals += 1
            scaled *= 10
        }
        return fixed(v * unit, decimals) + (scale == .percent ? "%" : "")
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                          "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]

    /// The chart as an `<svg>` element.
    public var svg: String {
        let width = 760.0, height = 280.0
        // Room on the right for the legend's longest name (a line, a gap, the text).
        let legend = series.map { textWidth($0.name, fontSize: 11) }.max() ?? 0
        let left = 56.0, right = min(max(150, 40 + legend), 360), top = 28.0, bottom = 36.0
        let plotW = width - left - right, plotH = height - top - bottom
        let finite = series.flatMap(\.values).filter(\.isFinite)
        let lo = yRange?.lowerBound ?? min(0, finite.min() ?? 0)
        var hi = yRange?.upperBound ?? (finite.max() ?? 1)
        if hi <= lo { hi = lo + 1 }
        let tick = Self.tickStep(lo: lo, hi: hi, scale: scale)
        let ticks = Int(((hi - lo) / tick - 1e-9).rounded(.up))
        if yRange == nil { hi = lo + Double(ticks) * tick }
        let n = max(xLabels.count, 1)
        func x(_ i: Int) -> Double { left + (n == 1 ? plotW / 2 : plotW * Double(i) / Double(n - 1)) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / (hi - lo)) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(escapeXML(title))\">\n"
        out += "<text x=\"\(Int(left))\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(escapeXML(title))</text>\n"
        for k in 0...ticks {
            let v = min(lo + Double(k) * tick, hi)
            let yy = fixed(y(v), 1)
            out += "<line x1=\"\(Int(left))\" x2=\"\(fixed(left + plotW, 1))\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(Int(left) - 6)\" y=\"\(yy)\" font-size=\"10\" text-anchor=\"end\" dominant-baseline=\"middle\">\(escapeXML(tickLabel(v, step: tick)))</text>\n"
        }
        let step = max(1, n / 12)
        for i in stride(from: 0, to: xLabels.count, by: step) {
            out += "<text x=\"\(fixed(x(i), 1))\" y=\"\(fixed(top + plotH + 16, 1))\" font-size=\"10\" text-anchor=\"middle\">\(escapeXML(xLabels[i]))</text>\n"
        }
        for (k, s) in series.enumerated() {
            let color = SVGLineChart.palette[k % SVGLineChart.palette.count]
            var path = ""
            var pen = false
            for (i, v) in s.values.enumerated() {
                guard v.isFinite else { pen = false; continue }
                path += (pen ? " L" : " M") + "\(fixed(x(i), 1)),\(fixed(y(min(max(v, lo), hi)), 1))"
                pen = true
            }
            let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
            if !path.isEmpty {
                out += "<path d=\"\(path.dropFirst())\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"\(dash)/>\n"
            }
            let ly = top + 14 * Double(k) + 6
            out += "<line x1=\"\(fixed(left + plotW + 12, 1))\" x2=\"\(fixed(left + plotW + 32, 1))\" y1=\"\(fixed(ly, 1))\" y2=\"\(fixed(ly, 1))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
            out += "<text x=\"\(fixed(left + plotW + 36, 1))\" y=\"\(fixed(ly, 1))\" font-size=\"11\" dominant-baseline=\"middle\">"
                + "<title>\(escapeXML(s.name))</title>\(escapeXML(fitted(s.name, width: right - 40, fontSize: 11)))</text>\n"
        }
        out += "</svg>"
        return out
    }
}

/// `x` with `digits` decimals, without Foundation's locale.
/// About how wide `text` is drawn at `fontSize` px in a sans-serif font:
/// 0.62 em a character, wide enough for most names, so labels are given room.
func textWidth(_ text: String, fontSize: Double) -> Double { Double(text.count) * fontSize * 0.62 }

/// `text`, cut with "…" to about `width` px at `fontSize` (names too long
/// for the room a chart has; the full name goes in the element's title).
func fitted(_ text: String, width: Double, fontSize: Double) -> String {
    guard textWidth(text, fontSize: fontSize) > width else { return text }
    return String(text.prefix(max(1, Int(width / (fontSize * 0.62)) - 1))) + "…"
}

public func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = Int64(r / scale)
    var text = (x < 0 && r != 0 ? "-" : "") + String(whole)
    if digits > 0 {
        let frac = String(Int64(r - Double(whole) * scale))
        text += "." + String(repeating: "0", count: digits - frac.count) + frac
    }
    return text
}

/// Escapes text for XML and HTML.
public func escapeXML(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}
