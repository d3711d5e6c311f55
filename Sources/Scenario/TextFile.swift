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
        guard let text = String(data: data, encoding: .utf8) else { throw TextFileError(reason: "not UTF-8 text") }
        return text
    }
}

/// Why a text file cannot be read: "no such file", "not UTF-8 text", …
public struct TextFileError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
