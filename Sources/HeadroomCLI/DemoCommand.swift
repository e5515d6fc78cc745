import ArgumentParser
import Config
import Ingestion
import Jobs
import Kubernetes
import Planning
import Server
import Store
import Traffic
import Vocabulary

/// `headroom demo`: the main job on the embedded default. On a database without a plan it loads
/// the demo traffic (once), forecasts, tunes, plans and executes; then it serves the REST API with the
/// nightly scheduler, printing the URL, a fresh read token and a `curl` for the latest plan.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Headroom's main job on built-in demo traffic (no other setup needed), then serve it.",
        discussion: """
            Creates the database if needed. When it holds no plan yet: loads 8 weeks of demo traffic \
            for 4 models in 2 regions (once), prints what is stored, forecasts every series 7 days ahead, \
            tunes each interactive model's plan settings on its last 14 days (`headroom tune`; skipped with \
            its reason when there are fewer than 21 days), plans the example fleet (examples/headroom.yaml, built in) from that forecast, and executes \
            the plan's first 15 minutes against the embedded node pool, recording each run. Then it \
            serves the REST API (see `headroom serve`) until SIGINT or SIGTERM; --once stops before serving.
            """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var demoOptions: DemoOptions
    @OptionGroup var serveOptions: ServeOptions

    @Flag(help: "Stop after the jobs instead of serving.")
    var once = false

    func run() async throws {
        let store = try database.open()
        print("database: \(database.path)")
        if try store.planRun() == nil || once {
            try await runJobs(store)
        } else {
            print("the database already holds a plan (#\(try store.latestPlanRunID() ?? 0)); serving it as it is")
        }
        guard !once else { return }
        let token = try AccessToken.create(scope: .read, name: "demo", in: store).token
        let host = serveOptions.host == "0.0.0.0" ? "127.0.0.1" : serveOptions.host
        let configuration = try ConfigurationReader.exampleConfiguration()
        try await ServeCommand.serve(store: store, configuration: configuration, text: ConfigurationReader.exampleText,
                                     options: serveOptions) { port in
            printNow("""

                Headroom is serving \(database.path) at http://\(host):\(port) (Ctrl-C stops it)
                read token (shown once; make more with `headroom token create --scope read|write|admin`):
                  \(token)
                the latest plan for chat-8b in us-east-1:
                  curl -H 'Authorization: Bearer \(token)' 'http://\(host):\(port)/v1/plans/latest?model=chat-8b&region=us-east-1'
                API description: http://\(host):\(port)/openapi.yaml

                """)
        }
    }

    /// Loads the demo traffic when the database has none, then forecast, tune, plan and execute.
    func runJobs(_ store: AppDatabase) async throws {
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
            run = try RecordedJob.run(.forecast, on: store, detail: JobRunner.detail) {
                try ForecastJob().run(on: store)
            }
        } catch let error as ForecastJobError {
            throw CommandFailure(error.description)
        }
        print(ForecastRunTable(run).render())
        print()
        let fleet: FleetConfiguration
        do {
            fleet = try ConfigurationReader.example()
        } catch {
            throw CommandFailure("built-in example fleet: \(error)")
        }
        do {
            let tuned = try RecordedJob.run(.tune, on: store, detail: \.detail) {
                try TuneJob(configuration: fleet).run(on: store)
            }
            print(TuneCommand.render(tuned))
        } catch let error as TuneJobError {
            print("not tuned, the plan keeps the configured settings: \(error)")
        }
        print()
        let planned: (run: StoredPlanRun, plan: FleetPlan)
        do {
            planned = try RecordedJob.run(.plan, on: store, detail: JobRunner.detail) {
                try PlanJob(configuration: fleet, configurationText: ConfigurationReader.exampleText).run(on: store)
            }
        } catch let error as PlanJobError {
            throw CommandFailure(error.description)
        }
        print(PlanSummary(run: planned.run, plan: planned.plan).render())
        print()
        let provider = PoolProviderKind.embedded.make(database: store)
        var applied = 0
        var outcome: ExecuteJob.Outcome?
        do {
            // Two rounds: nodes are provisioned at the plan's start, replicas placed 15 minutes on.
            for now in [planned.run.start, planned.run.start + 900] {
                outcome = try await ExecuteJob(configuration: fleet).run(on: store, provider: provider, now: now)
                applied += outcome?.actions.count ?? 0
            }
        } catch let error as ExecuteJobError {
            throw CommandFailure(error.description)
        }
        print("executed plan #\(planned.run.id) for its first 15 minutes: \(applied) actions applied to the node pool")
        if let outcome { print(PoolTable(outcome.pool).render()) }
        print()
        print(try Self.scaledObject(fleet: fleet, store: store))
        print("""

            next: headroom plan show --db \(database.path) --model chat-8b --region us-east-1
                  headroom pool show --db \(database.path)
                  headroom export kubernetes --db \(database.path) --all --reactive prometheus --server URL --query Q --threshold T
                  headroom report cost --db \(database.path) --from \(Timestamp.format(planned.run.start)) \
            --to \(Timestamp.format(planned.run.start + 86_400)) --granularity day
            """)
    }

    /// The KEDA ScaledObject that runs chat-8b's plan in us-east-1 on a cluster, its floor read
    /// from the external scaler this demo serves (docs/KUBERNETES.md).
    static func scaledObject(fleet: FleetConfiguration, store: AppDatabase) throws -> String {
        let keda = (try? ConfigurationReader.exampleConfiguration().service.keda) ?? KEDASettings()
        let manifests = AutoscalerManifests(
            configuration: fleet, export: AutoscalerExport(scalerAddress: keda.address, headroomURL: "http://127.0.0.1:8080"),
            namespace: "default")
        do {
            let text = try manifests.yaml(for: [ModelRegion(model: "chat-8b", region: "us-east-1")], database: store).text
            return "KEDA ScaledObject for chat-8b in us-east-1 (`headroom export kubernetes --model chat-8b --region us-east-1`):\n"
                + text.trimmingCharacters(in: .newlines)
        } catch let error as AutoscalerManifestsError {
            throw CommandFailure(error.description)
        }
    }
}
