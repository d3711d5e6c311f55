import Yams

/// A key given twice in one mapping. Yams reports where the key first
/// appears; the error names the repeated occurrence, the one to remove,
/// found by composing the text again with the reported occurrences renamed.
struct RepeatedKey {
    let key: String
    /// Where Yams reports the key: its first occurrence in the mapping.
    let first: Mark
    let text: String

    /// The error at the repeated occurrence, with its field path; at the
    /// first when the repeat cannot be found (a key with an anchor, a tag or
    /// an escape sequence).
    func error(file: String) -> ScenarioError {
        guard let (repeated, path) = repeatedOccurrence() else {
            return ScenarioError(file: file, line: first.line, column: first.column, path: "",
                                 message: "key '\(key)' given here and again later in the same mapping")
        }
        return ScenarioError(file: file, line: repeated.line, column: repeated.column, path: path,
                             message: "key '\(key)' repeated here; first at \(first)")
    }

    /// Renames the first occurrence, and every repeat reported after it
    /// until the text composes, then looks in the mapping of the first
    /// occurrence for the earliest other key of its name.
    private func repeatedOccurrence() -> (Mark, String)? {
        var scalars = Array(text.unicodeScalars)
        var renamed: [String: String] = [:]  // the original key, by "line:column"
        var next = (key: key, mark: first)
        for n in 0..<100 {
            guard let start = Self.keyStart(at: next.mark, in: scalars) else { return nil }
            scalars[start] = Unicode.Scalar(Self.firstPlaceholder + UInt32(n))!
            renamed[next.mark.description] = next.key
            do {
                let text = String(String.UnicodeScalarView(scalars))
                return try Yams.compose(yaml: text, .yaml12Core).flatMap { find(in: $0, path: "", renamed: renamed) }
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                next = (keys[0], context.mark)
            } catch {
                return nil
            }
        }
        return nil
    }

    /// The first of the private-use characters that renamed keys start
    /// with, a different one each, so no two renamed keys are equal.
    static let firstPlaceholder: UInt32 = 0xE000

    /// The index of the first character of the key at `mark`, inside its
    /// quotes if quoted; nil for a key with an anchor or tag, an alias, an
    /// empty quoted key or one starting with an escape sequence. Lines and
    /// columns are counted as libyaml counts them: in Unicode scalars, after
    /// a byte-order mark, with CR LF, CR, LF, NEL, LS and PS as line breaks.
    static func keyStart(at mark: Mark, in scalars: [Unicode.Scalar]) -> Int? {
        var line = 1, column = 1, k = scalars.first == "\u{FEFF}" ? 1 : 0
        while k < scalars.count, (line, column) != (mark.line, mark.column) {
            let c = scalars[k]
            if c == "\r", k + 1 < scalars.count, scalars[k + 1] == "\n" { k += 1 }
            if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(c) { (line, column) = (line + 1, 1) } else { column += 1 }
            k += 1
        }
        guard k < scalars.count, !"&!*|>[{".unicodeScalars.contains(scalars[k]) else { return nil }
        guard scalars[k] == "\"" || scalars[k] == "'" else { return k }
        guard k + 1 < scalars.count, !"\"'\\\r\n".unicodeScalars.contains(scalars[k + 1]) else { return nil }
        return k + 1
    }

    /// The repeat in the mapping holding the first occurrence, and its path
    /// (renamed keys on the path spelt as written).
    private func find(in node: Node, path: String, renamed: [String: String]) -> (Mark, String)? {
        switch node {
        case .mapping(let mapping):
            func name(_ key: Node) -> String? { key.mark.flatMap { renamed[$0.description] } ?? key.scalar?.string }
            func child(_ key: Node) -> String { path.isEmpty ? name(key) ?? "" : "\(path).\(name(key) ?? "")" }
            if mapping.contains(where: { $0.key.mark?.description == first.description }) {
                return mapping.filter { $0.key.mark?.description != first.description && name($0.key) == key }
                    .compactMap { pair in pair.key.mark.map { ($0, child(pair.key)) } }
                    .min { ($0.0.line, $0.0.column) < ($1.0.line, $1.0.column) }
            }
            for (key, value) in mapping {
                if let found = find(in: value, path: child(key), renamed: renamed) { return found }
            }
            return nil
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                if let found = find(in: element, path: "\(path)[\(index)]", renamed: renamed) { return found }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }
}
