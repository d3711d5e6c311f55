import ArgumentParser

/// `acd bench`: benchmarks of the hot paths, printing JSON. Run them on a
/// release build (`swift run -c release acd bench ...`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of the hot paths (use a release build).",
        subcommands: [BenchRouting.self, BenchStaffing.self, BenchBaseline.self]
    )
}
