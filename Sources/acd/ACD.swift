import ArgumentParser

@main
struct ACD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acd",
        abstract: "Automatic call distributor and workforce simulator.",
        subcommands: [Bench.self]
    )
}
