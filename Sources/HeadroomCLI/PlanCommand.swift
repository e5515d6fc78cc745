import ArgumentParser

/// `headroom plan`: capacity plans from the latest forecast.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Capacity plans: replicas per step, pre-scale schedules, reserved / on-demand / spot split.",
        subcommands: [PlanRunCommand.self, PlanShowCommand.self]
    )
}
