public import Traffic

extension PlanDemand {
    /// A demand from a forecast laid out as levels and rows (`quantileRows[k]` is the
    /// `levels[k]` quantile per step, as in `Forecasting.Forecast`), requests per step.
    /// Extra rows or levels beyond the shorter of the two are ignored.
    public init(
        model: String, region: String, step: Step, forecastStart: Int64, point: [Double], levels: [Double],
        quantileRows: [[Double]], historyStart: Int64 = 0, history: [Double] = [], currentReplicas: Int? = nil
    ) {
        var quantiles: [Double: [Double]] = [:]
        for (level, row) in zip(levels, quantileRows) { quantiles[level] = row }
        self.init(model: model, region: region, step: step, forecastStart: forecastStart, point: point,
                  quantiles: quantiles, historyStart: historyStart, history: history, currentReplicas: currentReplicas)
    }
}
