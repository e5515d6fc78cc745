import Foundation
@testable import HeadroomCLI
import Forecasting
import Testing

@Test func backtestScoresEveryModelAndTheAutomaticChoice() throws {
    let input = try #require(Bundle.module.path(forResource: "nab-hourly", ofType: "csv", inDirectory: "Fixtures"))
    let command = try #require(try Headroom.parseAsRoot(["backtest", "--input", input, "--horizon", "24", "--origins", "2"])
        as? BacktestCommand)
    #expect(command.horizon == 24 && command.origins == 2)
    let data = try ForecastInput.read(path: input)
    let grid = try ForecastGrid(data, stepSeconds: nil, file: input)
    #expect(grid.stepSeconds == 3_600)
    var options = try command.model.engineOptions(origins: 3)
    options.levels = [0.025, 0.5, 0.975]
    options.keepCandidateForecasts = true
    let report = try BacktestReport.run(grid: grid, horizon: 24, windows: 2, options: options)
    let auto = try #require(report.totals["auto"])
    #expect(auto.windows == 4)
    let naive = try #require(report.totals["seasonal-naive"])
    #expect(auto.mase / Double(auto.windows) < naive.mase / Double(naive.windows))
    let table = report.table()
    #expect(table.contains("auto MASE / seasonal-naive MASE:"))
    #expect(table.contains("Twitter_volume_IBM"))
}
