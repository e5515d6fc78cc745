import ArgumentParser
import Foundation
import Traffic

/// `headroom demo-data`: write the demo traffic as a CSV in the ingestion format.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Write demo traffic as CSV (timestamp,model,region,metric,value), e.g. for benchmarks."
    )

    @OptionGroup var demoOptions: DemoOptions

    @Option(help: "Stop after this many rows (the weeks are extended as needed).")
    var rows: Int?

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        if let rows, rows < 1 { throw ValidationError("--rows must be at least 1, not \(rows)") }
    }

    func run() throws {
        var demo = demoOptions.demo
        if let rows {
            // About 22 rows per 5-minute step for the 8-series fleet.
            let perWeek = 2_016 * 22
            demo.weeks = max(demo.weeks, (rows + perWeek - 1) / perWeek + 1)
        }
        let sink: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil),
                  let handle = FileHandle(forWritingAtPath: output)
            else { throw CommandFailure("\(output): cannot create the file") }
            sink = handle
        } else {
            sink = FileHandle.standardOutput
        }
        var buffer = Array("timestamp,model,region,metric,value\n".utf8)
        var written = 0
        let limit = rows ?? Int.max
        struct Done: Error {}
        do {
            try demo.forEach { row in
                guard written < limit else { throw Done() }
                buffer.append(contentsOf: Array(
                    "\(Timestamp.format(row.timestamp)),\(row.key.model),\(row.key.region),\(row.key.metric.rawValue),\(Int64(row.value))\n".utf8))
                written += 1
                if buffer.count >= 1 << 20 {
                    try sink.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        } catch is Done {}
        try sink.write(contentsOf: buffer)
        if output != nil { try sink.close() }
    }
}
