import ArgumentParser
import Foundation
import Jobs
import Planning
import Store
import Traffic

/// `headroom commitments`: what is held, and what to buy for a term.
struct CommitmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commitments",
        abstract: "Commitments held (the configuration's `commitments`) and purchase advice for a term.",
        subcommands: [CommitmentsListCommand.self, CommitmentsAdviseCommand.self]
    )
}

/// The options both subcommands share.
struct CommitmentOptions: ParsableArguments {
    @Option(help: "Days of stored history the pools' need is read from, before the latest forecast (7 to 1100).")
    var historyDays: Int = 365

    func validate() throws {
        guard (7...1_100).contains(historyDays) else {
            throw ValidationError("--history-days must be between 7 and 1100, got \(historyDays)")
        }
    }
}

/// `headroom commitments advise`.
struct CommitmentsAdviseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advise",
        abstract: "What to commit to now per pool, on top of what is held, beside a 30-day-lookback baseline.",
        discussion: """
            Each pool's GPU need over the stored history (sized as plans size it) is forecast over \
            the term with its trend and uncertainty; a node is advised while the probability that \
            it is used at least its break-even share of the term (reserved / on-demand price) is at \
            least the confidence. docs/PLANNING.md, "Commitments", has the rule and its math.
            """
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption
    @OptionGroup var options: CommitmentOptions
    @Option(help: "Term: 1y or 3y. The configuration's reserved price is taken as the term's.")
    var term: String = "1y"
    @Option(help: "How sure a node must be to pay for itself, in (0, 1).")
    var confidence: Double = 0.5
    @Option(help: "Days the baseline averages (1 to 365).")
    var lookbackDays: Int = 30
    @Flag(help: "Print the advice as JSON.")
    var json = false

    func validate() throws {
        guard Self.termHours(term) != nil else { throw ValidationError("--term must be 1y or 3y, got '\(term)'") }
        guard confidence > 0, confidence < 1 else { throw ValidationError("--confidence must be between 0 and 1 (exclusive), got \(confidence)") }
        guard (1...365).contains(lookbackDays) else { throw ValidationError("--lookback-days must be between 1 and 365, got \(lookbackDays)") }
    }

    static func termHours(_ term: String) -> Int? {
        switch term {
        case "1y": 8_766
        case "3y": 26_298
        default: nil
        }
    }

    func run() throws {
        let store = try database.open()
        let loaded = try fleet.load()
        let advisor = CommitmentAdvisor(termHours: Self.termHours(term) ?? 8_766, confidence: confidence, lookbackDays: lookbackDays)
        let result: CommitmentAdviceJob.Result
        do {
            result = try CommitmentAdviceJob(configuration: loaded.configuration, advisor: advisor,
                                             historyDays: options.historyDays).run(on: store)
        } catch let error as PlanJobError {
            throw CommandFailure(error.description)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(result.advice), as: UTF8.self))
            return
        }
        print(Self.render(result, term: term))
    }

    static func render(_ result: CommitmentAdviceJob.Result, term: String) -> String {
        var rows = [["region", "GPU", "held", "need now", "growth/y", "in 12 months (p10-p90)", "break-even",
                     "advice", "use", "saves (p10)", "lookback", "use", "saves (p10)"]]
        for advice in result.advice {
            func cell(_ purchase: CommitmentPurchase) -> [String] {
                ["\(purchase.nodes) nodes", purchase.expectedUtilization.map(PlanSummary.percent) ?? "-",
                 "\(PlanSummary.usd(purchase.expectedSavingsUSD)) (\(PlanSummary.usd(purchase.downsideSavingsUSD)))"]
            }
            rows.append([advice.region, advice.gpuType, "\(advice.heldNodes)", PlanSummary.number(advice.meanGPUsNow, 1),
                         PlanSummary.percent(advice.growthPerYear),
                         "\(PlanSummary.number(advice.meanGPUsIn12Months[0], 1))-\(PlanSummary.number(advice.meanGPUsIn12Months[2], 1))",
                         PlanSummary.percent(advice.breakEvenUtilization)] + cell(advice.advice) + cell(advice.baseline))
        }
        var text = "commitments for \(term) from \(result.advice.first.map { Timestamp.format($0.start) } ?? "-") "
            + "(need: mean GPUs of a week; saves: USD over the term against on demand, expected and 10th percentile)\n"
        text += TextTable(rows).render()
        for advice in result.advice {
            if !advice.changes.isEmpty {
                text += "\n\(advice.region)/\(advice.gpuType): known demand changes applied: \(advice.changes.joined(separator: ", "))"
            }
            for renewal in advice.renewals {
                text += "\n\(advice.region)/\(advice.gpuType): \(renewal.name) (\(renewal.nodes) nodes) ends "
                    + "\(Timestamp.format(renewal.end)); buy \(renewal.advisedNodes) nodes then"
            }
        }
        for (pool, reason) in result.skipped {
            text += "\n\(pool.region)/\(pool.gpuType): no advice: \(reason)"
        }
        if let rule = result.advice.first {
            text += "\nrule: \(rule.advice.rule)\nbaseline: lookback over \(rule.baseline.rule.split(separator: ":").first.map(String.init) ?? "")"
        }
        return text
    }
}

/// `headroom commitments list`.
struct CommitmentsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The commitments held, with their use so far (the pool's need over the stored history)."
    )

    @OptionGroup var database: DatabaseOption
    @OptionGroup var fleet: ConfigurationOption
    @OptionGroup var options: CommitmentOptions

    func run() throws {
        let store = try database.open()
        let loaded = try fleet.load()
        guard !loaded.configuration.commitments.isEmpty else {
            print("\(loaded.source) lists no commitments (docs/CONFIGURATION.md, `commitments`)")
            return
        }
        let result: CommitmentAdviceJob.Result
        do {
            result = try CommitmentAdviceJob(configuration: loaded.configuration, advisor: CommitmentAdvisor(termHours: 24),
                                             historyDays: options.historyDays).run(on: store, advising: false)
        } catch let error as PlanJobError {
            throw CommandFailure(error.description)
        }
        var rows = [["name", "kind", "region", "GPU", "nodes", "start", "end", "USD/GPU-h", "held GPU-h so far", "used"]]
        for use in result.uses {
            let c = use.commitment
            rows.append([c.name, c.kind.rawValue, c.region, c.gpuType, "\(c.nodes)", Timestamp.format(c.start),
                         Timestamp.format(c.end), PlanSummary.number(c.usdPerGPUHour, 3), PlanSummary.number(use.heldGPUHours, 0),
                         use.utilization.map(PlanSummary.percent) ?? "-"])
        }
        print(TextTable(rows).render())
    }
}
