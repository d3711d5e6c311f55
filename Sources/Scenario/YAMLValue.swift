import Simulation
import Yams

/// A node of a parsed YAML document with its position and field path, and
/// typed accessors that throw a `ScenarioError` naming both.
///
/// Reading through these accessors is what makes every scenario error point
/// at a file, line, column and field; `Codable` decoding cannot.
public struct YAMLValue {
    let node: Node
    /// Field path from the root, e.g. `queues[1].patience`.
    public let path: String
    /// The file name used in errors.
    public let file: String

    /// Parses `text`; a syntax error names the file, line and column.
    public static func parse(_ text: String, file: String) throws -> YAMLValue {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError(file: file, line: 1, column: 1, path: "", message: "the file is empty")
            }
            return YAMLValue(node: node, path: "", file: file)
        } catch let error as YamlError {
            throw ScenarioError(yaml: error, file: file)
        }
    }

    init(node: Node, path: String, file: String) {
        self.node = node
        self.path = path
        self.file = file
    }

    /// An error located at this node.
    public func error(_ message: String) -> ScenarioError {
        let mark = node.mark
        return ScenarioError(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: path, message: message)
    }

    private var kind: String {
        switch node {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func child(_ node: Node, key: String) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    // MARK: - Containers

    /// The mapping's values by key, after checking that every key is one of
    /// `allowed` and none is repeated.
    public func mapping(allowed: [String]) throws -> Fields {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), got \(kind)")
        }
        var values: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw YAMLValue(node: keyNode, path: path, file: file).error("keys must be plain names")
            }
            let keyValue = child(keyNode, key: key)
            guard allowed.contains(key) else {
                let hint = closest(to: key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw keyValue.error("unknown key '\(key)'\(hint); allowed: \(allowed.joined(separator: ", "))")
            }
            guard values[key] == nil else {
                throw keyValue.error("key '\(key)' appears twice")
            }
            values[key] = child(valueNode, key: key)
        }
        return Fields(owner: self, values: values)
    }

    /// The elements of a list.
    public func list() throws -> [YAMLValue] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list, got \(kind)")
        }
        return sequence.enumerated().map { index, element in
            YAMLValue(node: element, path: "\(path)[\(index)]", file: file)
        }
    }

    /// Whether this node is a list (rather than a scalar or mapping).
    public var isList: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// Whether this node is a mapping.
    public var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    // MARK: - Scalars

    private func scalarText(_ what: String) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw error("expected \(what), got \(kind)")
        }
        return scalar.string
    }

    /// A string.
    public func string() throws -> String {
        try scalarText("a string")
    }

    /// A finite number in decimal notation (`0.8`, `6000`, `1e3`; not
    /// `0x10`, which `Double` would read).
    public func number() throws -> Double {
        let text = try scalarText("a number")
        guard let value = Self.decimal(text) else {
            throw error("expected a number, got '\(text)'")
        }
        return value
    }

    /// `text` as a finite decimal number, or nil.
    static func decimal(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A whole number.
    public func integer() throws -> Int {
        let text = try scalarText("a whole number")
        guard let value = Int(text) else {
            throw error("expected a whole number, got '\(text)'")
        }
        return value
    }

    /// A random seed: a whole number from 0 to 2^64 − 1.
    public func seed() throws -> UInt64 {
        let text = try scalarText("a seed")
        guard let value = UInt64(text) else {
            throw error("expected a seed: a whole number from 0 to 18446744073709551615, got '\(text)'")
        }
        return value
    }

    /// `true` or `false`.
    public func boolean() throws -> Bool {
        let text = try scalarText("true or false")
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(text)'")
        }
    }

    /// A duration in seconds: a number of seconds, or numbers with units
    /// `d`, `h`, `m`, `s` and `ms` from the longest down (`45s`, `30m`,
    /// `1.5h`, `16h30m`).
    public func duration() throws -> Double {
        let text = try scalarText("a duration").trimmingSpaces()
        guard let value = Self.decimal(text) ?? DurationText.seconds(text[...]) else {
            throw error("expected a duration such as 45s, 30m, 9h, 16h30m or a number of seconds, got '\(text)'")
        }
        guard abs(value) <= ScenarioLimits.longestDuration else {
            throw error("\(text) is too long: at most 1e9 s (about 31 years)")
        }
        return value
    }

    /// A one of `choices`.
    public func choice(_ choices: [String]) throws -> String {
        let text = try string()
        guard choices.contains(text) else {
            throw error("expected one of \(choices.joined(separator: ", ")), got '\(text)'")
        }
        return text
    }
}

/// The values of a checked mapping, by key.
public struct Fields {
    /// The mapping itself, for errors about missing keys.
    public let owner: YAMLValue
    let values: [String: YAMLValue]

    /// The value at `key`, if present.
    public subscript(_ key: String) -> YAMLValue? { values[key] }

    /// The value at `key`, or an error naming the missing key.
    public func required(_ key: String) throws -> YAMLValue {
        guard let value = values[key] else {
            throw owner.error("missing required key '\(key)'")
        }
        return value
    }

    /// Whether `key` is present.
    public func has(_ key: String) -> Bool { values[key] != nil }
}

extension ScenarioError {
    init(yaml error: YamlError, file: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            self.init(file: file, line: mark.line, column: mark.column, path: "", message: "YAML syntax: \(problem)")
        case .reader(let problem, let offset, _, let yaml):
            // `offset`: bytes into the text; the line and column of that byte.
            let before = Array(yaml.utf8.prefix(offset ?? 0))
            let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            self.init(file: file, line: before.count { $0 == UInt8(ascii: "\n") } + 1, column: before.count - lineStart + 1,
                      path: "", message: "YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init(file: file, line: context.mark.line, column: context.mark.column, path: "",
                      message: "duplicate key\(duplicates.count > 1 ? "s" : "") \(keys): given here and again later in the same mapping")
        default:
            self.init(file: file, line: 0, column: 0, path: "", message: "YAML: \(error)")
        }
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// The allowed key nearest to a misspelt one, when it is close enough to be a
/// likely typo (edit distance at most 2).
func closest(to key: String, in allowed: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
    let k = Array(key)
    let best = allowed.map { ($0, distance(k, Array($0))) }.min { $0.1 < $1.1 }
    return best.flatMap { $0.1 <= 2 ? $0.0 : nil }
}
