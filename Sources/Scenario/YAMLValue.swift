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
    /// A mapping key is a name whatever YAML reads it as (`1:` in
    /// `handle_time_factor`), as keys are in JSON.
    let isKey: Bool

    /// Parses `text`; a syntax error names the file, line and column, and a
    /// repeated key its second occurrence.
    public static func parse(_ text: String, file: String) throws -> YAMLValue {
        do {
            guard let node = try Yams.compose(yaml: text, .yaml12Core) else {
                throw ScenarioError(file: file, line: 1, column: 1, path: "", message: "the file is empty")
            }
            return YAMLValue(node: node, path: "", file: file)
        } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
            throw RepeatedKey(key: keys[0], first: context.mark, text: text).error(file: file)
        } catch let error as YamlError {
            throw ScenarioError(yaml: error, file: file)
        }
    }

    init(node: Node, path: String, file: String, isKey: Bool = false) {
        self.node = node
        self.path = path
        self.file = file
        self.isKey = isKey
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

    /// Throws if this node has an explicit tag that says it is something
    /// other than it is written as (`!!str 7`, `!!map 310`, `!local x`): the
    /// loader reads values by how they are written, so the tag would be
    /// ignored, and contradict the schema. Every accessor checks its own
    /// node (and only it: a walk of the whole document would expand every
    /// alias). Yams resolves an untagged node's tag when it is first read,
    /// to what the resolver gives: that, and a tag saying the same, pass, as
    /// does `allowed` (`!!str` where a string is read: `name: !!str 123`).
    func rejectTag(allowing allowed: Tag.Name? = nil) throws {
        let tag: String, expected: Tag.Name
        switch node {
        case .scalar(let scalar):
            tag = scalar.tag.rawValue
            expected = scalar.style == .plain ? Resolver.yaml12Core.resolveTag(of: .scalar(.init(scalar.string))) : .str
        case .mapping(let mapping): (tag, expected) = (mapping.tag.rawValue, .map)
        case .sequence(let sequence): (tag, expected) = (sequence.tag.rawValue, .seq)
        case .alias: return
        }
        guard !tag.isEmpty && tag != expected.rawValue && tag != allowed?.rawValue else { return }
        let name = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
        throw error("the YAML tag '\(name)' is not supported: remove it")
    }

    // MARK: - Containers

    /// The mapping's values by key, after checking that every key is one of
    /// `allowed` and none is repeated.
    public func mapping(allowed: [String]) throws -> Fields {
        try rejectTag()
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
        try rejectTag()
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

    private func scalar(_ what: String, allowing allowed: Tag.Name? = nil) throws -> Node.Scalar {
        try rejectTag(allowing: allowed)
        guard case .scalar(let scalar) = node else {
            throw error("expected \(what), got \(kind)")
        }
        return scalar
    }

    /// The text of a plain (unquoted) scalar: numbers and booleans are
    /// written without quotes, as YAML, and the schema, type them.
    private func plainText(_ what: String) throws -> String {
        let scalar = try scalar(what)
        switch scalar.style {
        case .plain: return scalar.string
        case .singleQuoted, .doubleQuoted:
            throw error("expected \(what), got the quoted string '\(scalar.string)': remove the quotes")
        default:
            throw error("expected \(what), got a block scalar ('|' or '>'): write it on the key's line")
        }
    }

    /// A string. Except as a mapping key, a plain scalar that YAML reads as
    /// a number, `true`/`false` or null (`123`, `1e3`, `true`, `~`) is not
    /// one: it must be quoted.
    public func string() throws -> String {
        let text = try scalar("a string", allowing: .str).string
        guard !isKey, let reading = Self.nonString[node.tag.rawValue] else { return text }
        throw error(text.isEmpty ? "expected a string, got an empty value"
                    : "expected a string, got \(text), which YAML reads as \(reading): quote it (\"\(text)\")")
    }

    /// The types of YAML's core schema other than strings, as errors name them.
    private static let nonString = [Tag.Name.null.rawValue: "null", Tag.Name.bool.rawValue: "a boolean",
                                    Tag.Name.int.rawValue: "a number", Tag.Name.float.rawValue: "a number"]

    /// A finite number in decimal notation (`0.8`, `6000`, `1e3`; not
    /// `0x10`, which `Double` would read), unquoted.
    public func number() throws -> Double {
        let text = try plainText("a number")
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

    /// A whole number, unquoted.
    public func integer() throws -> Int {
        let text = try plainText("a whole number")
        guard let value = Int(text) else {
            throw error("expected a whole number, got '\(text)'")
        }
        return value
    }

    /// A random seed: a whole number from 0 to 2^64 − 1, unquoted.
    public func seed() throws -> UInt64 {
        let text = try plainText("a seed")
        guard let value = UInt64(text) else {
            throw error("expected a seed: a whole number from 0 to 18446744073709551615, got '\(text)'")
        }
        return value
    }

    /// `true` or `false` (also `True`, `TRUE`, ..., which YAML reads as
    /// booleans), or the documented `yes`/`no`/`on`/`off`; unquoted.
    public func boolean() throws -> Bool {
        let text = try plainText("true or false")
        switch text {
        case "true", "True", "TRUE", "yes", "on": return true
        case "false", "False", "FALSE", "no", "off": return false
        default: throw error("expected true or false, got '\(text)'")
        }
    }

    /// A duration in seconds: a number of seconds, or numbers with units
    /// `d`, `h`, `m`, `s` and `ms` from the longest down (`45s`, `30m`,
    /// `1.5h`, `16h30m`). Quoted, only the latter: a quoted number is a
    /// string to YAML.
    public func duration() throws -> Double {
        let scalar = try scalar("a duration")
        let text = scalar.string, number = Self.decimal(text)
        if number != nil, scalar.style != .plain {
            throw error("expected a duration, got the quoted string '\(text)': remove the quotes or add a unit (\(text)s)")
        }
        guard let value = number ?? DurationText.seconds(text[...]) else {
            throw error("expected a duration such as 45s, 30m, 9h, 16h30m or a number of seconds, got '\(text)'")
        }
        guard abs(value) <= ScenarioLimits.longestDuration else {
            throw error("\(text) is too long: at most 1e9 s (about 31 years)")
        }
        return value
    }

    /// A one of `choices`.
    public func choice(_ choices: [String]) throws -> String {
        let text = try scalar("one of \(choices.joined(separator: ", "))").string
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
        default:
            self.init(file: file, line: 0, column: 0, path: "", message: "YAML: \(error)")
        }
    }
}

extension Resolver {
    /// YAML 1.2's core schema, with which editors and the JSON schema read
    /// scenarios: `yes`, `no`, `on` and `off` are strings, `1_000` is no number.
    static let yaml12Core = Resolver.basic
        .appending(Resolver.Rule.yaml12(.null, "null|Null|NULL|~|"))
        .appending(Resolver.Rule.yaml12(.bool, "true|True|TRUE|false|False|FALSE"))
        .appending(Resolver.Rule.yaml12(.int, "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"))
        .appending(Resolver.Rule.yaml12(
            .float, "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"))
}

private extension Resolver.Rule {
    /// The rule for `tag` matching all of a scalar with `pattern`.
    static func yaml12(_ tag: Tag.Name, _ pattern: String) -> Resolver.Rule {
        try! Resolver.Rule(tag, "^(?:\(pattern))$")
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
