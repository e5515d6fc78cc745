import ArgumentParser
import Jobs
import Planning
import Store

/// `headroom plan run`: plan the fleet from the latest forecast run and store the plan.
struct PlanRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Plan every configured model and region from the latest forecast run; store it as a new version."
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption

    func run() throws {
        let store = try database.open()
        let loaded = try fleet.load()
        let result: (run: StoredPlanRun, plan: FleetPlan)
        do {
            result = try RecordedJob.run(.plan, on: store, detail: JobRunner.detail) {
                try PlanJob(configuration: loaded.configuration, configurationText: loaded.text).run(on: store)
            }
        } catch let error as PlanJobError {
            throw CommandFailure(error.description)
        }
        print("planned with \(loaded.source)")
        print(PlanSummary(run: result.run, plan: result.plan).render())
    }
}
