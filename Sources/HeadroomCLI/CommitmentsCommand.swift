import ArgumentParser
import Foundation
import Jobs
import Planning
import Server
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
            the term with its trend and uncertainty; a node is advised while it is expected to be \
            used at least its break-even share of the term (reserved / on-demand price), and so in \
            at least the confidence's share of the forecast's scenarios. Capacity blocks are \
            advised the same way for peak windows: the demand changes with an `until` and a \
            multiplier above 1, and --window, in pools with a capacity_block price. \
            docs/PLANNING.md, "Commitments for a term", has the rule and its math.
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
    @Option(help: "Advise only this kind: reserved-nodes or savings-plan (for the term), capacity-block (for peak windows); all when absent.")
    var kind: String?
    @Option(help: "A peak window to advise capacity blocks for in every pool that sells them: FROM/TO (2026-12-20/2027-01-05). Repeatable.")
    var window: [String] = []
    @Flag(help: "Print the advice as JSON: the document GET /v1/commitments/advice answers.")
    var json = false

    func validate() throws {
        if let kind, Commitment.Kind(rawValue: kind) == nil {
            throw ValidationError("--kind must be one of \(Commitment.Kind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(kind)'")
        }
        for text in window where PeakWindow.parse(text) == nil {
            throw ValidationError("--window must be \(PeakWindow.form), got '\(text)'")
        }
        if !window.isEmpty, let kind, kind != Commitment.Kind.capacityBlock.rawValue {
            throw ValidationError("--window advises capacity blocks; it cannot go with --kind \(kind)")
        }
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
            let kinds = kind.flatMap(Commitment.Kind.init(rawValue:)).map { Set([$0]) } ?? Set(Commitment.Kind.allCases)
            result = try CommitmentAdviceJob(configuration: loaded.configuration, advisor: advisor, historyDays: options.historyDays,
                                             kinds: kinds, windows: window.compactMap(PeakWindow.parse)).run(on: store)
        } catch let error as PlanJobError {
            throw CommandFailure(error.description)
        }
        if json {
            // The document GET /v1/commitments/advice answers.
            print(try CommitmentAdviceDocument(result, term: term, confidence: confidence).prettyJSON())
            return
        }
        print(Self.render(result, term: term))
    }

    static func render(_ result: CommitmentAdviceJob.Result, term: String) -> String {
        var parts: [String] = []
        let reserved = result.advice.filter { $0.kind == .reservedNodes }
        let plans = result.advice.filter { $0.kind == .savingsPlan }
        if !reserved.isEmpty { parts.append(renderTerm(reserved, term: term)) }
        if !plans.isEmpty { parts.append(renderSavingsPlans(plans, term: term)) }
        if !result.blocks.isEmpty { parts.append(renderBlocks(result.blocks)) }
        var text = parts.isEmpty && result.skipped.isEmpty
            ? "nothing to advise: no pool with stored history, or no peak window (a demand change with an `until` and a "
                + "multiplier above 1, or --window) in a pool with a capacity_block price"
            : parts.joined(separator: "\n\n")
        for (pool, reason) in result.skipped {
            text += "\n\(pool.region)/\(pool.gpuType): no advice: \(reason)"
        }
        return text.hasPrefix("\n") ? String(text.dropFirst()) : text
    }

    /// Capacity blocks per pool and peak window.
    static func renderBlocks(_ blocks: [CapacityBlockAdvice]) -> String {
        var rows = [["region", "GPU", "window", "from", "to", "held", "need mean", "need peak", "USD/GPU-h", "break-even",
                     "book", "use", "saves (p10)", "costs"]]
        for block in blocks {
            let purchase = block.advice
            rows.append([block.region, block.gpuType, block.window.name, Timestamp.format(block.window.start),
                         Timestamp.format(block.window.end), "\(block.heldNodes)", PlanSummary.number(block.meanGPUs, 1),
                         PlanSummary.number(block.peakGPUs, 1), PlanSummary.number(block.usdPerGPUHour, 3),
                         PlanSummary.percent(block.breakEvenUtilization), "\(purchase.nodes) nodes",
                         purchase.expectedUtilization.map(PlanSummary.percent) ?? "-",
                         "\(PlanSummary.usd(purchase.expectedSavingsUSD)) (\(PlanSummary.usd(purchase.downsideSavingsUSD)))",
                         PlanSummary.usd(purchase.commitmentUSD)])
        }
        var text = "capacity blocks for peak windows (need: GPUs in the central scenario; saves: USD over the window "
            + "against on demand, expected and 10th percentile)\n"
        text += TextTable(rows).render()
        for block in blocks where !block.changes.isEmpty {
            text += "\n\(block.region)/\(block.gpuType) \(block.window.name): known demand changes applied: "
                + block.changes.joined(separator: ", ")
        }
        if let first = blocks.first { text += "\nrule: \(first.advice.rule)" }
        return text
    }

    /// Savings plans per pool for the term, beside the baseline: USD per hour committed.
    static func renderSavingsPlans(_ advices: [CommitmentAdvice], term: String) -> String {
        var rows = [["region", "GPU", "held GPUs", "need now", "rate USD/GPU-h", "break-even",
                     "advice", "use", "saves (p10)", "lookback", "use", "saves (p10)"]]
        for advice in advices {
            func cell(_ purchase: CommitmentPurchase) -> [String] {
                ["$\(PlanSummary.number(purchase.usdPerHour, 2))/h (\(purchase.nodes) GPUs)",
                 purchase.expectedUtilization.map(PlanSummary.percent) ?? "-",
                 "\(PlanSummary.usd(purchase.expectedSavingsUSD)) (\(PlanSummary.usd(purchase.downsideSavingsUSD)))"]
            }
            rows.append([advice.region, advice.gpuType, PlanSummary.number(advice.heldGPUs, 1), PlanSummary.number(advice.meanGPUsNow, 1),
                         PlanSummary.number(advice.usdPerGPUHour, 3), PlanSummary.percent(advice.breakEvenUtilization)]
                        + cell(advice.advice) + cell(advice.baseline))
        }
        var text = "savings plans for \(term), instead of reserved nodes (USD per hour committed, billed at the plan's rate; "
            + "saves: USD over the term against on demand, expected and 10th percentile)\n"
        text += TextTable(rows).render()
        for advice in advices {
            for renewal in advice.renewals {
                text += "\n\(advice.region)/\(advice.gpuType): \(renewal.name) ($\(PlanSummary.number(renewal.usdPerHour ?? 0, 2))/h) ends "
                    + "\(Timestamp.format(renewal.end)); commit $\(PlanSummary.number(Double(renewal.advisedNodes) * advice.usdPerGPUHour, 2))/h then"
            }
        }
        return text
    }

    /// Reserved nodes per pool for the term, beside the baseline.
    static func renderTerm(_ advices: [CommitmentAdvice], term: String) -> String {
        var rows = [["region", "GPU", "held", "need now", "growth/y", "in 12 months (p10-p90)", "break-even",
                     "advice", "use", "saves (p10)", "lookback", "use", "saves (p10)"]]
        for advice in advices {
            func cell(_ purchase: CommitmentPurchase) -> [String] {
                ["\(purchase.nodes) nodes", purchase.expectedUtilization.map(PlanSummary.percent) ?? "-",
                 "\(PlanSummary.usd(purchase.expectedSavingsUSD)) (\(PlanSummary.usd(purchase.downsideSavingsUSD)))"]
            }
            rows.append([advice.region, advice.gpuType, "\(advice.heldNodes)", PlanSummary.number(advice.meanGPUsNow, 1),
                         PlanSummary.percent(advice.growthPerYear),
                         "\(PlanSummary.number(advice.meanGPUsIn12Months[0], 1))-\(PlanSummary.number(advice.meanGPUsIn12Months[2], 1))",
                         PlanSummary.percent(advice.breakEvenUtilization)] + cell(advice.advice) + cell(advice.baseline))
        }
        var text = "commitments for \(term) from \(advices.first.map { Timestamp.format($0.start) } ?? "-") "
            + "(need: mean GPUs of a week; saves: USD over the term against on demand, expected and 10th percentile)\n"
        text += TextTable(rows).render()
        for advice in advices {
            if !advice.changes.isEmpty {
                text += "\n\(advice.region)/\(advice.gpuType): known demand changes applied: \(advice.changes.joined(separator: ", "))"
            }
            for renewal in advice.renewals {
                text += "\n\(advice.region)/\(advice.gpuType): \(renewal.name) (\(renewal.nodes) nodes) ends "
                    + "\(Timestamp.format(renewal.end)); buy \(renewal.advisedNodes) nodes then"
            }
        }
        if let rule = advices.first {
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
            rows.append([c.name, c.kind.rawValue, c.region, c.gpuType, c.usdPerHour.map { "$\(PlanSummary.number($0, 2))/h" } ?? "\(c.nodes)",
                         Timestamp.format(c.start),
                         Timestamp.format(c.end), PlanSummary.number(c.usdPerGPUHour, 3), PlanSummary.number(use.heldGPUHours, 0),
                         use.utilization.map(PlanSummary.percent) ?? "-"])
        }
        print(TextTable(rows).render())
    }
}
