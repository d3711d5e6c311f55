import ArgumentParser
import Foundation

/// The `acd` command-line tool: a thin shell over the libraries.
@main
struct ACD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acd",
        abstract: "Automatic call distributor and workforce simulator.",
        subcommands: [SimulateCommand.self, StaffCommand.self, CheckCommand.self, ErlangCommand.self,
                      ServeCommand.self, ReplayCommand.self, BenchCommand.self]
    )

    /// Parses and runs a command; errors come out as one line on stderr
    /// (`acd: <message>`) with exit code 64 for usage errors and 1 for failures.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            try flushStandardOutput()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let message = self.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.writeLine("acd: \(message)")
            Foundation.exit(code.rawValue)
        }
    }
}
