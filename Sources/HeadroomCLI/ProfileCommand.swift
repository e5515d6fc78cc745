import ArgumentParser

/// `headroom profile`: model capacity profiles from load tests.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Model capacity profiles from load tests.",
        subcommands: [ProfileImportCommand.self]
    )
}
