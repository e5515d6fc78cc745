import ArgumentParser

/// `headroom report`: reports over the stored plans.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports over the stored plans (cost CSV).",
        subcommands: [ReportCostCommand.self]
    )
}
