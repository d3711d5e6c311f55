import Foundation
@testable import Reports
import Testing

@Suite struct JSONValueTests {
    @Test func rendersKeysInInsertionOrderWithNullForNonFiniteNumbers() {
        let v = JSONValue.object([("b", .int(2)), ("a", .number(0.25)), ("nan", .number(.nan)),
                                  ("inf", .number(.infinity)), ("list", .array([.bool(true), .null])),
                                  ("whole", .number(3))])
        #expect(v.rendered(pretty: false)
            == #"{"b": 2, "a": 0.25, "nan": null, "inf": null, "list": [true, null], "whole": 3}"#)
    }

    @Test func escapesStrings() {
        #expect(JSONValue.string("a\"b\\c\nd\u{1}").rendered(pretty: false) == #""a\"b\\c\nd\u0001""#)
    }

    @Test func prettyFormIndentsByTwo() {
        let v = JSONValue.object([("x", .object([("y", .int(1))])), ("z", .array([]))])
        #expect(v.rendered(pretty: true) == "{\n  \"x\": {\n    \"y\": 1\n  },\n  \"z\": []\n}")
    }
}

@Suite struct FormattingTests {
    @Test func fixedRoundsHalfAwayFromZeroWithoutLocale() {
        #expect(fixed(3.14159, 2) == "3.14")
        #expect(fixed(2.5, 0) == "3")
        #expect(fixed(-0.004, 2) == "0.00")
        #expect(fixed(-1.25, 1) == "-1.3")
        #expect(fixed(0.05, 2) == "0.05")
        #expect(fixed(.nan, 1) == "n/a")
    }

    @Test func clockLabelsRunPast24HoursAndShowSecondsWhenThereAreAny() {
        #expect(clockLabel(0) == "00:00")
        #expect(clockLabel(9 * 3600 + 30 * 60) == "09:30")
        #expect(clockLabel(86_400 + 3600) == "25:00")
        #expect(clockLabel(252) == "00:04:12")
    }

    @Test func xmlIsEscaped() {
        #expect(escapeXML("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;")
    }
}

@Suite struct SVGLineChartTests {
    @Test func drawsOnePathPerSeriesWithGapsForMissingValues() {
        let chart = SVGLineChart(title: "SL <test>", xLabels: ["00:00", "00:30", "01:00"],
                                 series: [ChartSeries(name: "a", values: [0.5, .nan, 1]),
                                          ChartSeries(name: "b", values: [0, 0.5, 1], dashed: true)],
                                 yRange: 0...1)
        let svg = chart.svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("SL &lt;test&gt;"))
        // Series a: two separate moves (a gap at the NaN), series b: one continuous line.
        let paths = svg.components(separatedBy: "<path d=\"").dropFirst().map { $0.prefix(while: { $0 != "\"" }) }
        #expect(paths.count == 2)
        #expect(paths[0].filter { $0 == "M" }.count == 2)
        #expect(paths[1].filter { $0 == "M" }.count == 1 && paths[1].filter { $0 == "L" }.count == 2)
        #expect(svg.contains("stroke-dasharray"))
    }

    /// The legend makes room for its longest name ("target new_connections"
    /// was cut at "target new_connecti"), up to 360 px; a longer name is cut
    /// with "…" and kept whole in the element's title.
    @Test func theLegendFitsItsNames() throws {
        let long = String(repeating: "w", count: 60)
        let names = ["new_connections", "target new_connections", long]
        let chart = SVGLineChart(title: "SL", xLabels: ["00:00", "00:30"],
                                 series: names.map { ChartSeries(name: $0, values: [0.5, 1]) }, yRange: 0...1)
        let legend = chart.svg.components(separatedBy: "<text x=\"").filter { $0.contains("<title>") }
        #expect(legend.count == 3)
        for (name, text) in zip(names, legend) {
            let x = try #require(Double(text.prefix { $0 != "\"" }))
            let shown = try #require(text.components(separatedBy: "</title>").last).prefix { $0 != "<" }
            #expect(text.contains("<title>\(name)</title>"))
            #expect(x + textWidth(String(shown), fontSize: 11) <= 760, "\(shown) at \(x)")
            #expect(name == long ? shown.hasSuffix("…") && shown.count < 60 : shown == name)
        }
    }

    /// The y labels of a chart's gridlines, bottom up.
    static func yLabels(_ chart: SVGLineChart) -> [String] {
        chart.svg.components(separatedBy: "text-anchor=\"end\" dominant-baseline=\"middle\">").dropFirst()
            .map { String($0.prefix { $0 != "<" }) }
    }

    /// Gridlines sit at round values and say exactly where they are: a
    /// series peaking at 0.434 ticked 0.0 0.1 0.2 0.3 0.4 at quarters of
    /// 0.456 (the "0.1" line was at 0.114), a group with no agents 0 0 1 1 1.
    @Test func gridlinesAreAtRoundValuesLabelledExactly() {
        func chart(_ values: [Double], _ scale: ChartScale = .number, range: ClosedRange<Double>? = nil) -> SVGLineChart {
            SVGLineChart(title: "t", xLabels: ["a", "b"], series: [ChartSeries(name: "s", values: values)],
                         yRange: range, scale: scale)
        }
        #expect(Self.yLabels(chart([0.2, 0.434])) == ["0.0", "0.2", "0.4", "0.6"])
        #expect(Self.yLabels(chart([10.7, 42.7])) == ["0", "20", "40", "60"])
        #expect(Self.yLabels(chart([10.7, 39])) == ["0", "10", "20", "30", "40"])
        #expect(Self.yLabels(chart([0, 0], .count)) == ["0", "1"])
        #expect(Self.yLabels(chart([3, 70], .count)) == ["0", "20", "40", "60", "80"])
        #expect(Self.yLabels(chart([0.02, 0.53], .percent)) == ["0%", "20%", "40%", "60%"])
        #expect(Self.yLabels(chart([0.5, 1], .percent, range: 0...1)) == ["0%", "25%", "50%", "75%", "100%"])
        #expect(Self.yLabels(chart([0.5, 1], range: 0...1)) == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        #expect(SVGLineChart.tickStep(lo: 0, hi: 56.7, scale: .number) == 20)
    }
}
