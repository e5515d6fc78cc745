import ArgumentParser
import Config
import Ingestion
import Jobs
import Planning
import Store
import Traffic

/// `headroom demo`: the main job on the embedded default. Creates the database, loads the demo
/// traffic (once), prints what is stored, then forecasts, plans and executes.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Headroom's main job on built-in demo traffic (no other setup needed).",
        discussion: """
            Creates the database if needed, loads 8 weeks of demo traffic for 4 models in 2 regions \
            once, prints what is stored, forecasts every series 7 days ahead, plans the example fleet \
            (examples/headroom.yaml, built in) from that forecast, and executes the plan's first 15 \
            minutes against the embedded node pool, recording each run.
            """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var demoOptions: DemoOptions

    func run() throws {
        let store = try database.open()
        print("database: \(database.path)")
        if try store.seriesSummaries().isEmpty {
            let demo = demoOptions.demo
            let started = ContinuousClock.now
            let summary = try TrafficIngestor(database: store).ingestDemo(demo)
            print("""
                loaded demo traffic (seed \(demo.seed), \(demo.weeks) weeks to \(Timestamp.format(demo.end))): \
                \(summary.rowsAccepted) rows in \(summary.seriesTouched) series in \
                \(String(format: "%.2f", (ContinuousClock.now - started).seconds)) s
                """)
        } else {
            print("the database already holds traffic; leaving it as it is")
        }
        print()
        print(try SummaryTable(store.seriesSummaries()).render())
        print()
        let run: ForecastRun
        do {
            run = try ForecastJob().run(on: store)
        } catch let error as ForecastJobError {
            throw CommandFailure(error.description)
        }
        print(ForecastRunTable(run).render())
        print()
        let planned: (run: StoredPlanRun, plan: FleetPlan)
        let fleet: FleetConfiguration
        do {
            fleet = try ConfigurationReader.example()
            planned = try PlanJob(configuration: fleet, configurationText: ConfigurationReader.exampleText).run(on: store)
        } catch let error as PlanJobError {
            throw CommandFailure(error.description)
        } catch let error as ConfigurationError {
            throw CommandFailure("built-in example fleet: \(error)")
        }
        print(PlanSummary(run: planned.run, plan: planned.plan).render())
        print()
        let provider = EmbeddedPoolProvider(database: store)
        var applied = 0
        var outcome: ExecuteJob.Outcome?
        do {
            // Two rounds: nodes are provisioned at the plan's start, replicas placed 15 minutes on.
            for now in [planned.run.start, planned.run.start + 900] {
                outcome = try ExecuteJob(configuration: fleet).run(on: store, provider: provider, now: now)
                applied += outcome?.actions.count ?? 0
            }
        } catch let error as ExecuteJobError {
            throw CommandFailure(error.description)
        }
        print("executed plan #\(planned.run.id) for its first 15 minutes: \(applied) actions applied to the node pool")
        if let outcome { print(PoolTable(outcome.pool).render()) }
        print("""

            next: headroom plan show --db \(database.path) --model chat-8b --region us-east-1
                  headroom pool show --db \(database.path)
            """)
    }
}
