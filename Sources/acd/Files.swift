import ArgumentParser
import Foundation
import Scenario

/// The text of the file at `path`; an error names the file, `what` it is
/// and why it cannot be read.
func readText(_ path: String, _ what: String) throws -> String {
    do {
        return try TextFile.read(path)
    } catch {
        let position = error.line.map { ":\($0):\(error.column ?? 1)" } ?? ""
        throw ValidationError("\(path)\(position): cannot read the \(what): \(error)")
    }
}

/// The directory a command writes its result files to, made ready before
/// the run, so that a bad one fails before any work is done.
struct ResultDirectory {
    let path: String
    /// How errors name it: `--out DIR` when given, else its path.
    let label: String

    /// Creates `given` (or `default`) with its parents if missing.
    /// - Throws: `ValidationError` when it is a file or cannot be created or written.
    init(given: String?, default: String) throws {
        path = given ?? `default`
        label = given.map { "--out \($0)" } ?? path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ValidationError("\(label): a file, not a directory") }
        } else if let failure = Self.makeDirectories(path) {
            throw ValidationError("\(label): cannot create the directory: \(failure)")
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw ValidationError("\(label): the directory is not writable")
        }
    }

    /// Writes each file whole: a temporary file renamed into place.
    func write(_ files: [(name: String, text: String)]) throws {
        for (name, text) in files {
            let url = URL(fileURLWithPath: path).appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw OutputError(description: "\(label): cannot write \(name): \(Self.reason(error, path: url.path))")
            }
        }
    }

    /// Creates `path` and its missing parents; why not, if it cannot.
    static func makeDirectories(_ path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component + "/"
            if mkdir(prefix, 0o777) != 0, case let code = errno, code != EEXIST {
                return fileParent(of: path) ?? String(cString: strerror(code))
            }
        }
        return nil
    }

    /// Why a file operation on `path` failed: a parent that is a file, or
    /// the system's reason.
    static func reason(_ error: Error, path: String) -> String {
        if let parent = fileParent(of: path) { return parent }
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return error.localizedDescription
    }

    /// "<parent> is a file, not a directory" for the nearest existing parent
    /// of `path`, if it is a file.
    static func fileParent(of path: String) -> String? {
        var ancestor = (path as NSString).deletingLastPathComponent
        while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor) {
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        var isDirectory: ObjCBool = true
        if !ancestor.isEmpty && FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory)
            && !isDirectory.boolValue {
            return "\(ancestor) is a file, not a directory"
        }
        return nil
    }
}

/// Flushes standard output.
/// - Throws: when it could not be written (a full disk, a closed pipe):
///   results a script never received are an error, not a success.
func flushStandardOutput() throws {
    if fflush(nil) != 0 {  // every output stream: Swift 6 cannot name `stdout`
        let code = errno
        throw OutputError(description: "cannot write to standard output: \(String(cString: strerror(code)))")
    }
}

/// Results that could not be written: a failure (exit 1), not bad input.
struct OutputError: Error, CustomStringConvertible {
    let description: String
}
