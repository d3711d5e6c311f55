import Foundation
import Yams
@testable import Scenario

/// A JSON value, as a YAML 1.2 reader (an editor) sees a scenario.
enum JSONInstance: Equatable {
    case null, bool(Bool), number(Double), string(String)
    case array([JSONInstance]), object([String: JSONInstance])

    /// The document of `yaml`, typed by YAML 1.2's core schema as the
    /// loader's resolver types it: quoted scalars are strings. An explicit
    /// tag (`!!str 7`), which the loader rejects, types its value as it
    /// does for an editor.
    init(yaml: String) throws {
        guard let node = try Yams.compose(yaml: yaml, .yaml12Core) else {
            throw SchemaValidator.Unsupported("empty document")
        }
        self = try Self(node: node)
    }

    private init(node: Node) throws {
        switch node {
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: self = .null
            case Tag.Name.bool.rawValue: self = .bool(scalar.string.lowercased() == "true")
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                self = .number(try Self.number(scalar.string))
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(try sequence.map(Self.init(node:)))
        case .mapping(let mapping):
            var object: [String: JSONInstance] = [:]
            for (key, value) in mapping { object[key.scalar?.string ?? ""] = try Self(node: value) }
            self = .object(object)
        case .alias:
            throw SchemaValidator.Unsupported("alias")
        }
    }

    /// A number of YAML's core schema: decimal, `0x` hexadecimal or `0o` octal.
    private static func number(_ text: String) throws -> Double {
        let radix = text.hasPrefix("0x") ? 16 : text.hasPrefix("0o") ? 8 : 10
        guard let value = radix == 10 ? Double(text) : Int(text.dropFirst(2), radix: radix).map(Double.init) else {
            throw SchemaValidator.Unsupported("number \(text)")
        }
        return value
    }
}

/// Validates with the JSON Schema 2020-12 keywords `scenario.schema.json`
/// uses, so that Swift tests can put the schema's verdict beside the
/// loader's (tools/schema_check.py does the same with Python's jsonschema).
/// A keyword it does not know throws: the schema cannot gain a rule that
/// this check skips.
struct SchemaValidator {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
        init(_ what: String) { description = "not supported by SchemaValidator: \(what)" }
    }

    let root: [String: Any]

    func isValid(_ instance: JSONInstance) throws -> Bool {
        try isValid(instance, root)
    }

    private func isValid(_ instance: JSONInstance, _ schema: Any) throws -> Bool {
        if let schema = schema as? [String: Any] {
            return try schema.allSatisfy { try holds($0.key, $0.value, instance, in: schema) }
        }
        guard let flag = schema as? Bool else { throw Unsupported("schema \(schema)") }
        return flag
    }

    /// Whether `keyword` holds for `instance`; one about another type of
    /// value (`minimum` for a string) does.
    private func holds(_ keyword: String, _ value: Any, _ instance: JSONInstance, in schema: [String: Any]) throws -> Bool {
        switch (keyword, instance) {
        case ("$schema", _), ("$id", _), ("title", _), ("description", _), ("$defs", _), ("then", _), ("else", _):
            return true
        case ("$ref", _):
            guard let ref = value as? String, ref.hasPrefix("#/$defs/"),
                  let target = (root["$defs"] as? [String: Any])?[String(ref.dropFirst("#/$defs/".count))] else {
                throw Unsupported("$ref \(value)")
            }
            return try isValid(instance, target)
        case ("type", _):
            let types = value as? [String] ?? [value as? String ?? ""]
            return types.contains { instance.hasType($0) }
        case ("enum", _):
            return try (value as? [Any] ?? []).contains { try Self.constant($0) == instance }
        case ("const", _):
            return try Self.constant(value) == instance
        case ("not", _):
            return try !isValid(instance, value)
        case ("allOf", _):
            return try (value as? [Any] ?? []).allSatisfy { try isValid(instance, $0) }
        case ("anyOf", _):
            return try (value as? [Any] ?? []).contains { try isValid(instance, $0) }
        case ("oneOf", _):
            return try (value as? [Any] ?? []).filter { try isValid(instance, $0) }.count == 1
        case ("if", _):
            let branch = try isValid(instance, value) ? schema["then"] : schema["else"]
            return try branch.map { try isValid(instance, $0) } ?? true
        case ("properties", .object(let object)):
            return try (value as? [String: Any] ?? [:]).allSatisfy { key, sub in try object[key].map { try isValid($0, sub) } ?? true }
        case ("additionalProperties", .object(let object)):
            let named = (schema["properties"] as? [String: Any]) ?? [:]
            return try object.allSatisfy { try named[$0.key] != nil || isValid($0.value, value) }
        case ("required", .object(let object)):
            return (value as? [String] ?? []).allSatisfy { object[$0] != nil }
        case ("minProperties", .object(let object)):
            return Double(object.count) >= Self.number(value)
        case ("propertyNames", .object(let object)):
            return try object.keys.allSatisfy { try isValid(.string($0), value) }
        case ("items", .array(let array)):
            return try array.allSatisfy { try isValid($0, value) }
        case ("contains", .array(let array)):
            return try array.contains { try isValid($0, value) }
        case ("minItems", .array(let array)):
            return Double(array.count) >= Self.number(value)
        case ("uniqueItems", .array(let array)):
            return !(value as? Bool ?? false) || array.indices.allSatisfy { k in !array[..<k].contains(array[k]) }
        case ("minimum", .number(let x)): return x >= Self.number(value)
        case ("maximum", .number(let x)): return x <= Self.number(value)
        case ("exclusiveMinimum", .number(let x)): return x > Self.number(value)
        case ("exclusiveMaximum", .number(let x)): return x < Self.number(value)
        case ("minLength", .string(let text)):
            return Double(text.unicodeScalars.count) >= Self.number(value)
        case ("maxLength", .string(let text)):
            return Double(text.unicodeScalars.count) <= Self.number(value)
        case ("pattern", .string(let text)):
            let regex = try NSRegularExpression(pattern: value as? String ?? "")
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        case ("properties", _), ("additionalProperties", _), ("required", _), ("minProperties", _), ("propertyNames", _),
             ("items", _), ("contains", _), ("minItems", _), ("uniqueItems", _), ("minimum", _), ("maximum", _),
             ("exclusiveMinimum", _), ("exclusiveMaximum", _), ("minLength", _), ("maxLength", _), ("pattern", _):
            return true
        default:
            throw Unsupported("keyword \(keyword)")
        }
    }

    private static func number(_ value: Any) -> Double {
        (value as? NSNumber)?.doubleValue ?? (value as? Double) ?? (value as? Int).map(Double.init) ?? .nan
    }

    /// A value of `enum` or `const`: the schema uses strings only.
    private static func constant(_ value: Any) throws -> JSONInstance {
        guard let text = value as? String else { throw Unsupported("constant \(value)") }
        return .string(text)
    }
}

private extension JSONInstance {
    func hasType(_ type: String) -> Bool {
        switch (type, self) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
             ("object", .object):
            return true
        case ("integer", .number(let x)):
            return x.rounded() == x
        default:
            return false
        }
    }
}
