import Foundation

/// Reading the text files a run names: the scenario, its arrival profiles,
/// staffing plans.
public enum TextFile {
    /// The UTF-8 text of the file at `path`.
    /// - Throws: `TextFileError` with the reason it cannot be read.
    public static func read(_ path: String) throws(TextFileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            var directory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &directory)
            let readable = FileManager.default.isReadableFile(atPath: path)
            throw TextFileError(reason: !exists ? "no such file" : directory.boolValue ? "a directory, not a file"
                                    : readable ? "the file cannot be read" : "permission denied")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw notUTF8(Array(data)) }
        return text
    }

    /// The error for `bytes` that are not UTF-8, at the first byte that is
    /// not (its line, and its column counted in characters).
    static func notUTF8(_ bytes: [UInt8]) -> TextFileError {
        var lineStart = 0, line = 1, k = 0
        while k < bytes.count {
            let length = utf8Length(bytes, at: k)
            guard length > 0 else { break }
            if bytes[k] == UInt8(ascii: "\n") { (line, lineStart) = (line + 1, k + 1) }
            k += length
        }
        let column = String(decoding: bytes[lineStart ..< k], as: UTF8.self).count + 1
        let byte = k < bytes.count ? String(bytes[k], radix: 16, uppercase: true) : "end"
        return TextFileError(reason: "not UTF-8 text (byte 0x\(byte.count == 1 ? "0" + byte : byte))",
                             line: line, column: column)
    }

    /// The length of the well-formed UTF-8 sequence at `k`, or 0.
    private static func utf8Length(_ b: [UInt8], at k: Int) -> Int {
        let lead = b[k]
        let (length, low, high): (Int, UInt8, UInt8) = switch lead {
        case 0x00...0x7F: (1, 0x80, 0xBF)
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xE1...0xEF: (3, 0x80, 0xBF)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        default: (0, 0, 0)
        }
        guard length > 1 else { return length }
        guard k + length <= b.count, (low...high).contains(b[k + 1]),
              b[k + 2 ..< k + length].allSatisfy({ (0x80...0xBF).contains($0) }) else { return 0 }
        return length
    }
}

/// Why a text file cannot be read: "no such file", "not UTF-8 text", …,
/// and where in the file, when the reason is in its text.
public struct TextFileError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var line: Int?
    public var column: Int?

    init(reason: String, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String { reason }
}
