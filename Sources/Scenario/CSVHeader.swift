/// Checks shared by the header rows of the CSV files a scenario reads
/// (arrival profiles, staffing plans).
enum CSVHeader {
    typealias Cells = [(text: String, column: Int)]
    typealias Fail = (Int, Int, String) -> ScenarioError

    /// The lowercased column names of header `cells` on `line`: each one of
    /// `known` (described by `listing` in the error) and given once.
    static func names(_ cells: Cells, line: Int, known: [String], listing: String, fail: Fail) throws -> [String] {
        let names = cells.map { $0.text.lowercased() }
        for (i, name) in names.enumerated() {
            guard known.contains(name) else { throw fail(line, cells[i].column, "unknown column '\(cells[i].text)'; columns: \(listing)") }
            if names[..<i].contains(name) { throw fail(line, cells[i].column, "column '\(name)' appears twice") }
        }
        return names
    }

    /// The index of whichever of the alternative columns `a` and `b` is
    /// given; an error when both or neither are.
    static func either(_ a: String, _ b: String, in names: [String], _ cells: Cells, line: Int, fail: Fail) throws -> Int {
        let first = names.firstIndex(of: a), second = names.firstIndex(of: b)
        if let first, let second { throw fail(line, cells[max(first, second)].column, "give either '\(a)' or '\(b)', not both") }
        guard let index = first ?? second else { throw fail(line, 1, "missing column '\(a)' or '\(b)'") }
        return index
    }

    /// The index of column `name`; an error when it is missing.
    static func required(_ name: String, in names: [String], line: Int, fail: Fail) throws -> Int {
        guard let index = names.firstIndex(of: name) else { throw fail(line, 1, "missing column '\(name)'") }
        return index
    }
}
