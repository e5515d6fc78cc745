import ArgumentParser
import Foundation
import Store
import Traffic

/// `headroom summary`: the stored series, their steps, spans, gaps and totals.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "Show what traffic the database holds.")

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let store = try database.open()
        print(try SummaryTable(store.seriesSummaries()).render())
    }
}

/// The stored series as a text table, one line per series.
struct SummaryTable {
    var series: [SeriesSummary]

    init(_ series: [SeriesSummary]) { self.series = series }

    func render() -> String {
        guard !series.isEmpty else { return "no traffic stored yet" }
        var rows = [["model", "region", "metric", "step", "points", "gaps", "from", "to", "total"]]
        for item in series {
            rows.append([
                item.key.model, item.key.region, item.key.metric.rawValue, item.step.description,
                String(item.points), String(item.gaps),
                item.first.map(Timestamp.format) ?? "-", item.last.map(Timestamp.format) ?? "-",
                Self.compact(item.total),
            ])
        }
        let points = series.reduce(0) { $0 + $1.points }
        return TextTable(rows).render() + "\n\(series.count) series, \(points) points"
    }

    /// 1234567 as `1.23M`.
    static func compact(_ value: Double) -> String {
        switch value {
        case 1e9...: String(format: "%.2fG", value / 1e9)
        case 1e6...: String(format: "%.2fM", value / 1e6)
        case 1e3...: String(format: "%.1fk", value / 1e3)
        default: String(format: "%.0f", value)
        }
    }
}

/// Left-aligned text columns separated by two spaces; the first row is the header.
struct TextTable {
    var rows: [[String]]
    init(_ rows: [[String]]) { self.rows = rows }

    func render() -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in
            rows.map { $0[column].count }.max() ?? 0
        }
        return rows.map { row in
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: "  ").trimmingSuffixSpaces
        }.joined(separator: "\n")
    }
}

extension String {
    var trimmingSuffixSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
