public import Forecasting
import Traffic

/// The forecasts behind one replayed day: one per input series (nil when its history holds no
/// value), each starting at the day's 00:00 UTC and as long as the planning horizon.
public struct DayForecast: Sendable, Equatable {
    /// Unix seconds of the day's start.
    public var start: Int64
    /// One forecast per input series, in input order, requests per step.
    public var forecasts: [Forecast?]
}

extension Simulator {
    /// Forecasts every replayed day from the history before it (at most `historyDays`), all
    /// series of the input in one batch per day. Nothing at or after the day's start is read.
    public func forecasts(_ input: SimulationInput) throws(SimulationError) -> [DayForecast] {
        let window = try window(input)
        let step = input.step.seconds
        let horizon = max(1, Int(configuration.settings.horizonSeconds / step))
        let historySteps = max(1, settings.historyDays) * window.stepsPerDay
        var days: [DayForecast] = []
        for day in 0..<window.days {
            let end = window.firstIndex + day * window.stepsPerDay
            let begin = max(0, end - historySteps)
            let values = input.series.map { Array($0.values[begin..<end]) }
            let results: [Result<Forecast, ForecastError>]
            do {
                results = try Forecaster.forecast(batch: values, stepSeconds: step, start: input.start + Int64(begin) * step,
                                                  horizon: horizon, options: settings.forecast)
            } catch {
                throw .forecasting(day: Self.dayName(input.start + Int64(end) * step), "\(error)")
            }
            days.append(DayForecast(start: input.start + Int64(end) * step,
                                    forecasts: results.map { try? $0.get() }))
        }
        return days
    }

    /// `YYYY-MM-DD` of a Unix time.
    static func dayName(_ seconds: Int64) -> String { String(Timestamp.format(seconds).prefix(10)) }
}
