import Hummingbird
import RoutingCore

// Hand-written JSON for the hot path: the body of `POST /v1/contacts` and
// the contact view most responses carry. Foundation's coders cost more per
// request than the routing core; these do the same for these shapes. The
// reader takes only the plain shape and returns nil for anything else, so
// the strict decoder still reads (and names the problem in) every other body.

/// Appends JSON text to a byte buffer.
struct JSONWriter {
    var buffer: ByteBuffer
    private static let hexDigits = Array("0123456789abcdef".utf8)

    init(capacity: Int = 256) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { _ = buffer.writeBytes($0) }
    }

    mutating func string(_ s: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw(#"\""#)
            case UInt8(ascii: "\\"): raw(#"\\"#)
            case 0x0A: raw(#"\n"#)
            case 0x0D: raw(#"\r"#)
            case 0x09: raw(#"\t"#)
            case 0..<0x20:
                raw(#"\u00"#)
                buffer.writeInteger(Self.hexDigits[Int(byte >> 4)])
                buffer.writeInteger(Self.hexDigits[Int(byte & 0xF)])
            default: buffer.writeInteger(byte)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: some BinaryInteger) { buffer.writeString(String(value)) }

    /// A finite double, as Swift prints it (shortest form that reads back exactly).
    mutating func number(_ value: Double) { buffer.writeString(value.description) }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// `"key":`, after a comma unless `first`.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { raw(",") }
        raw("\"")
        raw(name)
        raw("\":")
    }

    mutating func object(_ pairs: [String: String]) {
        raw("{")
        for (i, key) in pairs.keys.sorted().enumerated() {
            if i > 0 { raw(",") }
            string(key)
            raw(":")
            string(pairs[key]!)
        }
        raw("}")
    }
}

extension ContactView {
    /// The view as JSON: the fields the `Codable` form has, nil ones left out.
    func jsonBuffer() -> ByteBuffer {
        var w = JSONWriter()
        w.raw("{")
        w.key("id", first: true); w.string(id)
        w.key("queue"); w.string(queue)
        w.key("channel"); w.string(channel.rawValue)
        w.key("priority"); w.integer(priority)
        w.key("state"); w.string(state.rawValue)
        if let agent { w.key("agent"); w.string(agent) }
        if let position { w.key("position"); w.integer(position) }
        if let expectedWaitSeconds, expectedWaitSeconds.isFinite { w.key("expectedWaitSeconds"); w.number(expectedWaitSeconds) }
        w.key("callback"); w.bool(callback)
        if let attributes { w.key("attributes"); w.object(attributes) }
        w.raw("}")
        return w.buffer
    }
}

/// A JSON response carrying a contact view.
func jsonResponse(_ view: ContactView, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: view.jsonBuffer()))
}

extension ArrivalRequest {
    /// Reads a body of the plain shape: one object with `queue`, optionally
    /// `priority` (an integer), `channel` and `attributes` (string values),
    /// each once, strings without escapes. Nil for anything else, valid or
    /// not: the strict decoder reads those.
    static func plain(_ bytes: UnsafeRawBufferPointer) -> ArrivalRequest? {
        var r = PlainReader(bytes: bytes)
        var queue: String?, priority: Int32?, channel: Channel?, attributes: [String: String]?
        guard r.take(UInt8(ascii: "{")) else { return nil }
        if !r.take(UInt8(ascii: "}")) {
            repeat {
                guard let key = r.string(), r.take(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "queue" where queue == nil:
                    guard let s = r.string() else { return nil }
                    queue = s
                case "priority" where priority == nil:
                    guard let p = r.int32() else { return nil }
                    priority = p
                case "channel" where channel == nil:
                    guard let c = r.string().flatMap(Channel.init(rawValue:)) else { return nil }
                    channel = c
                case "attributes" where attributes == nil:
                    guard let a = r.stringObject() else { return nil }
                    attributes = a
                default: return nil
                }
            } while r.take(UInt8(ascii: ","))
            guard r.take(UInt8(ascii: "}")) else { return nil }
        }
        guard r.atEnd, let queue else { return nil }
        return ArrivalRequest(queue: queue, priority: priority ?? 0, channel: channel, attributes: attributes ?? [:])
    }
}

/// A cursor over JSON text that reads only plain tokens (see `ArrivalRequest.plain`).
private struct PlainReader {
    let bytes: UnsafeRawBufferPointer
    var i = 0

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return i == bytes.count
        }
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// Consumes `byte` (after white space) if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < bytes.count, bytes[i] == byte else { return false }
        i += 1
        return true
    }

    /// A string without escapes or control characters, valid UTF-8.
    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") || bytes[i] < 0x20 { return nil }
            i += 1
        }
        guard i < bytes.count else { return nil }
        defer { i += 1 }
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    /// An integer in Int32's range, without sign, fraction or exponent other than a leading minus.
    mutating func int32() -> Int32? {
        skipSpace()
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var value: Int64 = 0
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]), i - start < 11 {
            value = value * 10 + Int64(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        let digits = i - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if i < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i]) { return nil }
        return Int32(exactly: negative ? -value : value)
    }

    /// An object of string values, each key once.
    mutating func stringObject() -> [String: String]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var result: [String: String] = [:]
        if take(UInt8(ascii: "}")) { return result }
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), let value = string(),
                  result.updateValue(value, forKey: key) == nil else { return nil }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? result : nil
    }
}
