public import Traffic

extension SimulationInput {
    /// Reads a traffic file in the ingestion format (`timestamp,model,region,metric,value`) and
    /// buckets its `requests` rows on `step` (see ``bucketing(_:step:)``).
    /// - Throws: ``SimulationError/traffic(_:)`` for the first bad line (or a bad file),
    ///   ``SimulationError/noTraffic`` without `requests` rows, and
    ///   ``SimulationError/sparseTraffic(coverage:step:)`` when fewer than half the steps hold a
    ///   value (traffic on a coarser step than `step`).
    public static func parse(csv bytes: [UInt8], step: Step) throws(SimulationError) -> SimulationInput {
        let rows = try Self.rows(csv: bytes)
        guard let input = bucketing(rows, step: step) else { throw .noTraffic }
        guard input.coverage >= 0.5 else { throw .sparseTraffic(coverage: input.coverage, step: step.description) }
        return input
    }

    /// Every row of a traffic file in the ingestion format.
    /// - Throws: ``SimulationError/traffic(_:)`` for the first bad line (or a bad file).
    static func rows(csv bytes: [UInt8]) throws(SimulationError) -> [TrafficRow] {
        var reader = TrafficCSVReader()
        var rows: [TrafficRow] = []
        var problem: TrafficProblem?
        let collect: (TrafficRecord) -> Void = { record in
            guard problem == nil else { return }
            switch record {
            case .row(let row): rows.append(row)
            case .rejected(let reason, _), .fatal(let reason): problem = reason
            }
        }
        reader.consume(bytes, collect)
        reader.finish(collect)
        if let problem { throw .traffic(problem) }
        return rows
    }
}
