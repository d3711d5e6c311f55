import Reports

/// A small strict JSON reader into `JSONValue`. Numbers are read with
/// `Double(String)` (correctly rounded), so a double written by `JSONValue`
/// reads back bit for bit, which Foundation's `JSONSerialization` does not
/// guarantee on every platform.
enum JSONReader {
    struct Failure: Error { var offset: Int; var message: String }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw Failure(offset: p.i, message: "text after the document") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[i]) { i += 1 }
        }

        func fail(_ message: String) -> Failure { Failure(offset: i, message: message) }

        mutating func expect(_ literal: String) throws(Failure) {
            for b in literal.utf8 {
                guard i < bytes.count, bytes[i] == b else { throw fail("expected \(literal)") }
                i += 1
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard depth < 64 else { throw fail("nested too deeply") }
            guard i < bytes.count else { throw fail("unexpected end") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var fields: [(String, JSONValue)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    fields.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw fail("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect("}")
                    return .object(fields)
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [JSONValue] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw fail("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect("]")
                    return .array(items)
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return try number()
            }
        }

        mutating func number() throws(Failure) -> JSONValue {
            let start = i
            var integral = true
            while i < bytes.count {
                let b = bytes[i]
                if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { i += 1; continue }
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { integral = false; i += 1; continue }
                break
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if integral, let n = Int(text) { return .int(n) }
            guard !text.isEmpty, let x = Double(text), x.isFinite else { i = start; throw fail("expected a value") }
            return .number(x)
        }

        mutating func string() throws(Failure) -> String {
            try expect("\"")
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() {
                if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run = [] }
            }
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\"") { flush(); return String(scalars) }
                if b != UInt8(ascii: "\\") { run.append(b); continue }
                flush()
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{c}")
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
                        throw fail("bad \\u escape")
                    }
                    i += 4
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(e))
                }
            }
            throw fail("unterminated string")
        }
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields.first { $0.0 == key }?.1 }
        return nil
    }

    var objectKeys: [String]? {
        if case .object(let fields) = self { return fields.map(\.0) }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var intValue: Int? {
        if case .int(let n) = self { return n }
        return nil
    }

    /// The path of the first key that one object holds twice, depth first
    /// (`queues.main.service_level`, `figures[2].queue`); nil when none does.
    func repeatedKeyPath(at path: String = "") -> String? {
        switch self {
        case .object(let fields):
            var seen = Set<String>()
            for (key, value) in fields {
                let child = path.isEmpty ? key : "\(path).\(key)"
                if !seen.insert(key).inserted { return child }
                if let repeated = value.repeatedKeyPath(at: child) { return repeated }
            }
        case .array(let items):
            for (i, item) in items.enumerated() {
                if let repeated = item.repeatedKeyPath(at: "\(path)[\(i)]") { return repeated }
            }
        default: break
        }
        return nil
    }

    /// A number (null reads as NaN, as the writer writes non-finite numbers).
    var doubleValue: Double? {
        switch self {
        case .int(let n): Double(n)
        case .number(let x): x
        case .null: .nan
        default: nil
        }
    }
}
