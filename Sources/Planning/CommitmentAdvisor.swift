#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
public import Vocabulary

/// What to commit to in one pool for a term, on top of the commitments held.
///
/// **The rule.** Node `k` bought now (beyond those held) serves the pool's need above
/// `H_t + (k − 1) g` GPUs at hour `t` (`H_t` held, `g` GPUs a node), so over a term of `T` hours it
/// is used `u_k = (1/T) Σ_t clamp((L_t − H_t − (k − 1) g) / g, 0, 1)` of the time, `L_t` the need
/// from the long-horizon forecast (``PoolBaselineForecast``). Its use is worth what it replaces:
/// interactive hours on demand (`p_o`), batch hours the batch price `p_b` (spot where cheaper,
/// as plans buy it): `v_k = r u_k + (1 − r) u_k^I`, `r = p_b / p_o`, `u_k^I` the same share of
/// the interactive need alone. It pays for itself when `v_k ≥ β = p_r / p_o` (the break-even
/// share: reserved over on-demand price). `v_k` is uncertain because the forecast is: it is
/// computed in 225 scenarios of the trend (level and growth each at 15 normal quantiles, equally
/// likely). Node `k` saves `g T (v_k p_o − p_r)` over on demand, so the expected savings are
/// largest when every node with `E[v_k] ≥ β` is bought; a buyer may also ask that each node pay
/// off in a share `α` of the scenarios, `P(v_k ≥ β) ≥ α` (the confidence, 0.5 by default: the
/// median scenario pays off). `v_k` falls with `k` in every scenario, so both hold up to some
/// `k`, and the advice is that `k`. Its expected savings over on demand are
/// `Σ_{k ≤ n} g T (E[v_k] p_o − p_r)`, and its downside is the 10th percentile of that sum over
/// the scenarios.
///
/// **The baseline**, as AWS Cost Explorer recommends: the average hourly need not covered by
/// held commitments over the last `lookbackDays` of history, in whole units (nodes; GPUs for a
/// savings plan), to the nearest, judged under the same scenarios.
public struct CommitmentAdvisor: Sendable {
    /// Hours of the term: 8766 for a year, 26 298 for three.
    public var termHours: Int
    /// `α`: how sure a node must be to pay for itself before it is advised.
    public var confidence: Double
    /// Days of history the baseline averages.
    public var lookbackDays: Int
    /// Held commitments ending within this many days after the start get a renewal line.
    public var renewalDays: Int

    public init(termHours: Int, confidence: Double = 0.5, lookbackDays: Int = 30, renewalDays: Int = 90) {
        self.termHours = termHours
        self.confidence = confidence
        self.lookbackDays = lookbackDays
        self.renewalDays = renewalDays
    }

    /// Most units of `unitGPUs` GPUs a pool is judged on in one scenario: 20 times its
    /// historical peak, at most 10,000 nodes of `gpusPerNode` (a runaway growth scenario stops
    /// there).
    static func mostUnits(_ forecast: PoolBaselineForecast, unitGPUs: Int, gpusPerNode: Int) -> Double {
        let gpus = min(10_000 * Double(gpusPerNode), 20 * forecast.peakGPUs)
        return max(1, (gpus / Double(unitGPUs)).rounded(.up))
    }

    /// Normal scores at (i + ½)/15, i = 0…14.
    static let scores: [Double] = [
        -1.833915, -1.281552, -0.967422, -0.727913, -0.524401, -0.340695, -0.167894, 0,
        0.167894, 0.340695, 0.524401, 0.727913, 0.967422, 1.281552, 1.833915,
    ]

    /// Advice for `pool` from its past levels (``Planner/poolHistory(demand:now:)``), for
    /// reserved nodes (a unit is a node of `gpusPerNode` GPUs at the reserved price) or a
    /// savings plan (a unit is one GPU's worth of the commitment, the plan's rate per hour, at
    /// its rate: the rule is the same with `g = 1` and `p_r` the plan's rate).
    /// - Throws: ``PlanningError`` with fewer than 7 days of history, or for a savings plan
    ///   when the pool has no savings-plan rate.
    ///   `batchColdStartSeconds`: the longest cold start of the pool's batch models, for the
    ///   spot buffer of the batch work's price (``batchDiscount(offer:batchColdStartSeconds:)``).
    public func advise(pool: PoolKey, history: [PoolLevel], offer: GPUOffer, gpusPerNode: Int,
                       commitments: [Commitment], changes: [DemandChange] = [],
                       kind: Commitment.Kind = .reservedNodes, batchColdStartSeconds: Double = 0) throws(PlanningError) -> CommitmentAdvice {
        let price: Double
        let unitGPUs: Int
        switch kind {
        case .reservedNodes:
            (price, unitGPUs) = (offer.reserved.usdPerGPUHour, gpusPerNode)
        case .savingsPlan:
            // The offer's rate, else that of the plan held longest (its renewal is advised at it).
            let heldRate = commitments.filter { $0.pool == pool && $0.kind == .savingsPlan }.max { $0.end < $1.end }?.usdPerGPUHour
            guard let rate = offer.savingsPlanUSDPerGPUHour ?? heldRate else {
                throw .invalidConfiguration("\(pool.region) has no savings-plan rate for \(pool.gpuType) "
                    + "(regions.\(pool.region).\(pool.gpuType).savings_plan)")
            }
            (price, unitGPUs) = (rate, 1)
        case .capacityBlock:
            throw .invalidConfiguration("capacity blocks are advised for a window, not a term")
        }
        let forecast = try PoolBaselineForecast(levels: history)
        let changes = changes.filter { $0.pool == pool }
        let held = commitments.filter { $0.pool == pool }
        let start = forecast.start
        let onDemand = offer.onDemand.usdPerGPUHour
        let breakEven = price / onDemand
        let units = kind == .savingsPlan ? "GPUs of commitment" : "nodes"

        let discount = Self.batchDiscount(offer: offer, batchColdStartSeconds: batchColdStartSeconds)
        let outlook = unitOutlook(pool: pool, forecast: forecast, offsetHours: 0, hours: termHours, held: held, changes: changes,
                                  gpusPerNode: gpusPerNode, unitGPUs: unitGPUs, breakEven: breakEven, batchDiscount: discount)
        let advised = outlook.advised(breakEven: breakEven, confidence: confidence)

        let (average, baselineUnits) = Self.lookback(history: history, before: start, days: lookbackDays, pool: pool,
                                                      held: held, gpusPerNode: gpusPerNode, unitGPUs: unitGPUs)

        func purchase(_ count: Int, rule: String) -> CommitmentPurchase {
            outlook.purchase(count, rule: rule, gpusPerNode: unitGPUs, hours: termHours, usdPerGPUHour: price,
                             onDemandUSDPerGPUHour: onDemand)
        }

        var renewals: [CommitmentRenewal] = []
        for commitment in held.sorted(by: { ($0.end, $0.name) < ($1.end, $1.name) })
        where commitment.kind == kind && commitment.end > start && commitment.end <= start + Int64(renewalDays) * 86_400 {
            let offset = Int((commitment.end - start) / 3_600)
            let others = held.filter { $0 != commitment }
            let atEnd = unitOutlook(pool: pool, forecast: forecast, offsetHours: offset, hours: termHours, held: others,
                                    changes: changes, gpusPerNode: gpusPerNode, unitGPUs: unitGPUs, breakEven: breakEven,
                                    batchDiscount: discount)
            renewals.append(CommitmentRenewal(
                name: commitment.name, end: commitment.end, nodes: commitment.nodes, usdPerHour: commitment.usdPerHour,
                advisedNodes: atEnd.advised(breakEven: breakEven, confidence: confidence)))
        }

        let heldNow = held.held(in: pool, at: start, gpusPerNode: gpusPerNode)
        return CommitmentAdvice(
            kind: kind, region: pool.region, gpuType: pool.gpuType, gpusPerNode: gpusPerNode, unitGPUs: unitGPUs,
            usdPerGPUHour: price, start: start, termHours: termHours,
            breakEvenUtilization: breakEven, confidence: confidence,
            heldNodes: held.heldNodes(in: pool, at: start, gpusPerNode: gpusPerNode), heldGPUs: heldNow.gpus,
            historyDays: forecast.days, meanGPUsNow: forecast.weeklyMean(daysAhead: 0, z: 0),
            growthPerYear: forecast.growthPerYear,
            meanGPUsIn12Months: [-1.281552, 0, 1.281552].map {
                forecast.weeklyMean(daysAhead: 365.25, z: $0) * changes.factor(in: pool, at: start + 31_557_600)
            },
            meanGPUsIn36Months: [-1.281552, 0, 1.281552].map {
                forecast.weeklyMean(daysAhead: 3 * 365.25, z: $0) * changes.factor(in: pool, at: start + 3 * 31_557_600)
            },
            changes: changes.map(\.name),
            units: outlook.units(max(advised, baselineUnits) + 3),
            advice: purchase(advised, rule: "headroom: \(units) whose use is expected to be worth at least \(percent(breakEven)) "
                + "of the term on demand (break-even; batch hours at their spot-blended price), and so in at least "
                + "\(percent(confidence)) of the forecast's scenarios"),
            baseline: purchase(baselineUnits, rule: "lookback\(lookbackDays): the average uncovered hourly need "
                + "over the last \(lookbackDays) days (\(String(format1: average)) GPUs), in whole \(kind == .savingsPlan ? "GPUs" : "nodes")"),
            renewals: renewals)
    }

    /// `r = p_b / p_o`: what an hour of batch work above the commitments costs (spot's reliable
    /// share at its buffered price where cheaper, the rest on demand, as plans buy it) against
    /// an hour on demand. 1 without cheaper spot.
    public static func batchDiscount(offer: GPUOffer, batchColdStartSeconds: Double) -> Double {
        let pricing = PoolPricing(offer: offer, batchColdStartSeconds: batchColdStartSeconds)
        return min(1, pricing.batchOverflowRate / offer.onDemand.usdPerGPUHour)
    }

    /// The baseline's rule, as AWS Cost Explorer recommends: the average hourly need of
    /// `history` over the `days` before `before` not covered by `held` commitments (GPUs), and
    /// that in whole units of `unitGPUs` (a node by default), to the nearest.
    public static func lookback(history: [PoolLevel], before: Int64, days: Int, pool: PoolKey, held: [Commitment],
                                gpusPerNode: Int, unitGPUs: Int? = nil) -> (averageGPUs: Double, nodes: Int) {
        var hourly: [Int64: (sum: Double, count: Int)] = [:]
        for level in history where level.at >= before - Int64(days) * 86_400 && level.at < before {
            let hour = PoolBaselineForecast.hour.floor(level.at)
            hourly[hour, default: (0, 0)].sum += level.totalGPUs
            hourly[hour, default: (0, 0)].count += 1
        }
        let g = Double(unitGPUs ?? gpusPerNode)
        let uncovered = hourly.map { hour, entry in
            max(0, entry.sum / Double(entry.count) - held.held(in: pool, at: hour, gpusPerNode: gpusPerNode).gpus)
        }
        let average = uncovered.isEmpty ? 0 : uncovered.reduce(0, +) / Double(uncovered.count)
        return (average, Int((average / g).rounded()))
    }

    /// Per scenario, each unit's share of the term used (`u_k`) and its worth (`v_k`), and per
    /// unit the share of scenarios in which it pays off (`P(v_k ≥ β)`), for a term of `hours`
    /// starting `offsetHours` after the forecast's start; a unit is `unitGPUs` GPUs (a node when
    /// nil); `breakEven` is `β`; `batchDiscount` is `r = p_b / p_o`, what an hour of batch work
    /// above the commitments costs against an hour on demand (1 without cheaper spot).
    func unitOutlook(pool: PoolKey, forecast: PoolBaselineForecast, offsetHours: Int, hours termHours: Int, held: [Commitment],
                     changes: [DemandChange], gpusPerNode: Int, unitGPUs: Int? = nil, breakEven: Double, batchDiscount: Double = 1)
        -> UnitOutlook
    {
        let g = Double(unitGPUs ?? gpusPerNode)
        // The need in the central scenario, its interactive share and the held GPUs, per hour of the term.
        var central = [Double](repeating: 0, count: termHours)
        var interactive = [Double](repeating: 1, count: termHours)
        var heldGPUs = [Double](repeating: 0, count: termHours)
        for hour in 0..<termHours {
            let ahead = offsetHours + hour
            let at = forecast.start + Int64(ahead) * 3_600
            central[hour] = forecast.level(hoursAhead: ahead, levelZ: 0, trendZ: 0) * changes.factor(in: pool, at: at)
            interactive[hour] = forecast.interactiveShare[PoolBaselineForecast.hourOfWeek(at)]
            heldGPUs[hour] = held.held(in: pool, at: at, gpusPerNode: gpusPerNode).gpus
        }
        let discounted = batchDiscount < 1 && interactive.contains { $0 < 1 }
        let firstDay = forecast.daysFromMeanToStart + Double(offsetHours) / 24
        let cap = Self.mostUnits(forecast, unitGPUs: unitGPUs ?? gpusPerNode, gpusPerNode: gpusPerNode)
        var utilization: [[Double]] = []
        var worth: [[Double]] = []
        var units = 0
        for levelZ in Self.scores {
            for trendZ in Self.scores {
                // exp(z_l σ_ā + z_b σ_b d): the first hour's factor, then one hour's growth at a time.
                var factor = exp(levelZ * forecast.levelSE + trendZ * forecast.trendSE * firstDay)
                let hourly = exp(trendZ * forecast.trendSE / 24)
                var all = UnitHours()
                var served = UnitHours()
                for hour in 0..<termHours {
                    defer { factor *= hourly }
                    let need = central[hour] * factor
                    all.add(need - heldGPUs[hour], unitGPUs: g, cap: cap)
                    if discounted { served.add(need * interactive[hour] - heldGPUs[hour], unitGPUs: g, cap: cap) }
                }
                let used = all.shares(hours: termHours)
                units = max(units, used.count)
                utilization.append(used)
                guard discounted else {
                    worth.append(used)
                    continue
                }
                // v_k = r u_k + (1 − r) u_k^I: the interactive hours are worth on demand, the batch ones r of it.
                let interactiveUsed = served.shares(hours: termHours)
                worth.append(used.indices.map { k in
                    batchDiscount * used[k] + (1 - batchDiscount) * (k < interactiveUsed.count ? interactiveUsed[k] : 0)
                })
            }
        }
        var paying = [Double](repeating: 0, count: units)
        for values in worth {
            for (k, value) in values.enumerated() where value >= breakEven { paying[k] += 1 }
        }
        let probabilities = paying.map { $0 / Double(worth.count) }
        return UnitOutlook(utilization: utilization, worth: worth, probabilities: probabilities, central: central)
    }
}

/// Hours each unit of GPUs above those held is used, summed over a term: at an hour with `x`
/// GPUs above them, units `1…⌊x/g⌋` are used all of it and the next `x/g − ⌊x/g⌋` of it
/// (a difference array: O(1) an hour, O(units) to read).
struct UnitHours {
    private var full: [Double] = [0]
    private var partial: [Double] = [0]

    mutating func add(_ above: Double, unitGPUs g: Double, cap: Double) {
        guard above > 0 else { return }
        let units = min(above / g, cap)
        let whole = Int(units)
        if whole + 1 >= full.count {
            full += [Double](repeating: 0, count: whole + 2 - full.count)
            partial += [Double](repeating: 0, count: whole + 2 - partial.count)
        }
        full[0] += 1
        full[whole] -= 1
        partial[whole] += units - Double(whole)
    }

    /// Each unit's share of `hours` used, up to the last unit used at all.
    func shares(hours: Int) -> [Double] {
        var used: [Double] = []
        var running = 0.0
        for k in full.indices {
            running += full[k]
            used.append((running + partial[k]) / Double(hours))
        }
        while let last = used.last, last == 0 { used.removeLast() }
        return used
    }
}

/// Per scenario, each unit's share of the term used (`u_k`) and its worth (`v_k`: the share of
/// the term's on-demand price its use replaces); per unit, the share of scenarios in which it
/// pays off (`v_k ≥ β`).
struct UnitOutlook {
    var utilization: [[Double]]
    var worth: [[Double]]
    var probabilities: [Double]
    /// The need per hour of the term in the central scenario, GPUs.
    var central: [Double]

    /// `E[u_k]`.
    func expected(_ k: Int) -> Double { Self.mean(utilization, k) }

    /// `E[v_k]`.
    func expectedWorth(_ k: Int) -> Double { Self.mean(worth, k) }

    static func mean(_ rows: [[Double]], _ k: Int) -> Double {
        rows.reduce(0.0) { $0 + (k < $1.count ? $1[k] : 0) } / Double(max(1, rows.count))
    }

    /// The units to buy: the largest `n` with `E[v_k] ≥ β` and `P(v_k ≥ β) ≥ α` for every `k < n`.
    func advised(breakEven: Double, confidence: Double) -> Int {
        probabilities.indices.first { probabilities[$0] < confidence || expectedWorth($0) < breakEven } ?? probabilities.count
    }

    /// The first `count` units (nodes, or a savings plan's GPUs; at most those used in some
    /// scenario), one by one.
    func units(_ count: Int) -> [CommitmentUnit] {
        probabilities.indices.prefix(count).map { k in
            let column = utilization.map { k < $0.count ? $0[k] : 0 }.sorted()
            return CommitmentUnit(node: k + 1, expectedUtilization: column.reduce(0, +) / Double(column.count),
                                  lowUtilization: column[column.count / 10], expectedWorth: expectedWorth(k),
                                  probabilityPaysOff: probabilities[k])
        }
    }

    /// `nodes` bought for `hours` at `usdPerGPUHour` against on demand at `onDemandUSDPerGPUHour`:
    /// node `k` saves `g T (v_k p_o − p)` in each scenario; the expected sum, its 10th
    /// percentile, and the nodes' mean expected use.
    func purchase(_ nodes: Int, rule: String, gpusPerNode: Int, hours: Int, usdPerGPUHour price: Double,
                  onDemandUSDPerGPUHour onDemand: Double) -> CommitmentPurchase {
        let g = Double(gpusPerNode)
        let perScenario = worth.map { units in
            (0..<nodes).reduce(0.0) { total, k in
                total + g * Double(hours) * ((k < units.count ? units[k] : 0) * onDemand - price)
            }
        }.sorted()
        let used = (0..<nodes).map(expected)
        return CommitmentPurchase(
            nodes: nodes, rule: rule,
            expectedUtilization: nodes > 0 ? used.reduce(0, +) / Double(nodes) : nil,
            expectedSavingsUSD: perScenario.reduce(0, +) / Double(max(1, perScenario.count)),
            downsideSavingsUSD: perScenario.isEmpty ? 0 : perScenario[perScenario.count / 10],
            commitmentUSD: Double(nodes) * g * Double(hours) * price, usdPerHour: Double(nodes) * g * price)
    }
}

func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

extension String {
    /// One decimal.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}
