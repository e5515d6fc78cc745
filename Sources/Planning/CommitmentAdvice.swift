/// What to commit to in one pool for a term (``CommitmentAdvisor``), beside the baseline.
public struct CommitmentAdvice: Sendable, Hashable, Codable {
    /// Reserved nodes, or a savings plan.
    public var kind: Commitment.Kind
    public var region: String
    public var gpuType: String
    public var gpusPerNode: Int
    /// GPUs of one unit advised: a node's, or 1 for a savings plan (whose units are one GPU's
    /// worth of commitment, `usdPerGPUHour` USD per hour each).
    public var unitGPUs: Int
    /// The price of the units: reserved, or the savings plan's rate, USD per GPU-hour.
    public var usdPerGPUHour: Double
    /// Start of the term (the hour after the history), Unix s.
    public var start: Int64
    public var termHours: Int
    /// `β = p_r / p_o`.
    public var breakEvenUtilization: Double
    /// `α`.
    public var confidence: Double
    /// Whole nodes the commitments held at the start fill, and the GPUs they cover.
    public var heldNodes: Int
    public var heldGPUs: Double
    /// The long-horizon forecast: days fitted, the mean GPUs of the first week, growth per
    /// year at the fitted trend, and the mean GPUs of the week 12 and 36 months on at the 10th,
    /// 50th and 90th percentiles.
    public var historyDays: Int
    public var meanGPUsNow: Double
    public var growthPerYear: Double
    public var meanGPUsIn12Months: [Double]
    public var meanGPUsIn36Months: [Double]
    /// The known demand changes applied (`demand_changes`), by name.
    public var changes: [String]
    /// Units beyond those held, one by one (a few past the larger purchase).
    public var units: [CommitmentUnit]
    /// What Headroom advises buying now.
    public var advice: CommitmentPurchase
    /// What the Cost Explorer-style lookback would buy, judged the same way.
    public var baseline: CommitmentPurchase
    /// Held commitments ending soon, with the nodes to buy when they end.
    public var renewals: [CommitmentRenewal]
}

/// One unit beyond those held (a node, or one GPU of a savings plan's commitment): how much of
/// the term it would be used and what that use is worth.
public struct CommitmentUnit: Sendable, Hashable, Codable {
    /// 1 for the first unit beyond those held.
    public var node: Int
    /// `E[u_k]` and its 10th percentile over the scenarios.
    public var expectedUtilization: Double
    public var lowUtilization: Double
    /// `E[v_k]`: the share of the term's on-demand price its use replaces (its use, with the
    /// batch hours counted at `p_b / p_o`: batch work may go on cheaper spot instead).
    public var expectedWorth: Double
    /// `P(v_k ≥ β)`.
    public var probabilityPaysOff: Double
}

/// A number of nodes (or a savings plan's units) to commit to for the term, and what it is
/// expected to save.
public struct CommitmentPurchase: Sendable, Hashable, Codable {
    public var nodes: Int
    /// How the number was chosen.
    public var rule: String
    /// Mean share of the term the nodes are used (nil for none).
    public var expectedUtilization: Double?
    /// USD saved over the term against buying the same service on demand: expected, and the
    /// 10th percentile over the scenarios (negative: a loss).
    public var expectedSavingsUSD: Double
    public var downsideSavingsUSD: Double
    /// USD the commitment costs over the term, and per hour (a savings plan's commitment).
    public var commitmentUSD: Double
    public var usdPerHour: Double
}

/// A held commitment ending soon and what to buy when it does.
public struct CommitmentRenewal: Sendable, Hashable, Codable {
    public var name: String
    public var end: Int64
    /// Its nodes, or a savings plan's USD per hour.
    public var nodes: Int
    public var usdPerHour: Double?
    /// Units advised for a term starting at its end, with the other commitments held then.
    public var advisedNodes: Int
}
