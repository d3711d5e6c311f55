import Foundation
import Staffing
import Testing

/// One row of Data/erlang_reference.csv (tools/erlang_reference.py, mpmath at ≥ 40 digits).
struct ReferenceRow: CustomStringConvertible {
    let model: String
    let parameters: QueueParameters
    let agents: Int
    let values: [String: Double]

    var description: String {
        "\(model) λ=\(parameters.arrivalRatePerSecond) AHT=\(parameters.ahtSeconds) \(parameters.model) T=\(parameters.targetSeconds) n=\(agents)"
    }

    static func load() throws -> [ReferenceRow] {
        let url = try #require(Bundle.module.url(forResource: "erlang_reference", withExtension: "csv", subdirectory: "Data"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return try lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let field = Dictionary(uniqueKeysWithValues: zip(header, cells))
            func number(_ key: String) throws -> Double {
                let text = try #require(field[key])
                if text == "inf" { return .infinity }
                return try #require(Double(text), "\(key)=\(text)")
            }
            let model: ErlangModel = switch field["model"] {
            case "A": .a(patienceSeconds: try number("patience"))
            case "C": .c
            default: .b
            }
            let p = QueueParameters(arrivalRatePerSecond: try number("lambda"), ahtSeconds: try number("aht"),
                                    model: model, targetSeconds: try number("T"))
            var values: [String: Double] = [:]
            for key in header.dropFirst(6) { values[key] = try number(key) }
            return ReferenceRow(model: field["model"]!, parameters: p, agents: Int(field["agents"]!)!, values: values)
        }
    }
}

/// Relative error of `value` against `reference`; 0 when both are the same infinity.
func relativeError(_ value: Double, _ reference: Double) -> Double {
    if value == reference { return 0 }
    return abs(value - reference) / abs(reference)
}

/// Checks one figure against the reference: 1e-9 relative where the reference is
/// at least 1e-290, otherwise finite and below 1e-280. Returns the relative error.
@discardableResult
func expectClose(_ value: Double, _ reference: Double, _ what: String, _ row: CustomStringConvertible) -> Double {
    #expect(!value.isNaN, "\(what) NaN at \(row)")
    if abs(reference) < 1e-290 {
        #expect(value.isFinite && abs(value) < 1e-280, "\(what) = \(value), reference \(reference) at \(row)")
        return 0
    }
    let error = relativeError(value, reference)
    #expect(error <= 1e-9, "\(what) = \(value), reference \(reference), relative error \(error) at \(row)")
    return error
}

@Suite struct ReferenceGridTests {
    @Test func everyFigureMatchesTheHighPrecisionReference() throws {
        let rows = try ReferenceRow.load()
        #expect(rows.count > 1000)
        var worst = (error: 0.0, what: "")
        for row in rows {
            let f = queueFigures(row.parameters, agents: row.agents)
            let load = row.parameters.offeredLoad
            let pairs: [(String, Double)] = [
                ("erlangB", erlangB(agents: row.agents, load: load)),
                ("pWait", f.pWait), ("serviceLevel", f.serviceLevel), ("serviceLevelAnswered", f.serviceLevelAnswered),
                ("asa", f.asa), ("pAbandon", f.pAbandon), ("occupancy", f.occupancy), ("meanWaitAll", f.meanWaitAll),
            ]
            for (key, value) in pairs {
                let error = expectClose(value, row.values[key]!, key, row)
                if error > worst.error { worst = (error, "\(key) at \(row)") }
            }
            if row.model == "C" {
                expectClose(erlangC(agents: row.agents, load: load), row.values["pWait"]!, "erlangC", row)
            }
        }
        print("reference grid: \(rows.count) rows, worst relative error \(worst.error) (\(worst.what))")
    }
}
