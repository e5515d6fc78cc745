import Forecasting
import Testing

@Test func forecastHoldsItsPaths() {
    let forecast = Forecast(point: [1, 2], levels: [0.5], quantiles: [[1, 2]])
    #expect(forecast.point.count == forecast.quantiles[0].count)
}
