import Traffic

/// Renders cost rows as RFC 4180 CSV: a header line, then one line per ``CostRow``; every line
/// ends with CRLF; fields holding a comma, a double quote, CR or LF are quoted (quotes doubled,
/// by Traffic's ``CSV``).
/// Times are RFC 3339 UTC; numbers plain decimal with at most 6 fraction digits, no exponent;
/// absent values are empty fields. The columns are documented in docs/REPORTS.md.
public enum CostCSV {
    /// The column names, FinOps FOCUS names first, then the `x_` columns.
    public static let columns = [
        "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "PricingCategory", "CommitmentDiscountStatus",
        "RegionId", "SkuId", "ConsumedQuantity", "ConsumedUnit", "ListCost", "BilledCost", "EffectiveCost",
        "BillingCurrency", "x_model", "x_gpu_type", "x_capacity_type", "x_requests_served",
        "x_cost_per_1k_requests", "x_savings_vs_on_demand", "x_variant",
    ]

    /// The header line, CRLF included.
    public static var header: String { CSV.line(columns) }

    /// The line of `row`, CRLF included.
    public static func line(_ row: CostRow) -> String {
        CSV.line([
            Timestamp.format(row.chargePeriodStart), Timestamp.format(row.chargePeriodEnd), "Usage",
            row.pricingCategory.rawValue, row.commitmentStatus?.rawValue ?? "", row.region ?? "", row.skuID,
            PlainDecimal.format(row.gpuHours), "GPU-Hour", PlainDecimal.format(row.listCostUSD),
            PlainDecimal.format(row.billedCostUSD), PlainDecimal.format(row.effectiveCostUSD), "USD",
            row.model ?? "", row.gpuType, row.capacityType.rawValue, PlainDecimal.format(row.requestsServed),
            row.costPer1kRequestsUSD.map { PlainDecimal.format($0) } ?? "",
            PlainDecimal.format(row.savingsVersusOnDemandUSD), row.variant ?? "",
        ])
    }
}
