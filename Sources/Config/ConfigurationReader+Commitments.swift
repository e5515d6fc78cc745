import Planning
import Traffic

extension ConfigurationReader {
    /// The keys of `commitments[i]`.
    enum CommitmentKey: String, ConfigurationKey {
        case name, kind, region
        case gpuType = "gpu_type"
        case nodes, start, end
        case usdPerGPUHour = "usd_per_gpu_hour"
        case usdPerHour = "usd_per_hour"
    }

    /// `commitments`: capacity already bought, each held in a priced pool for `[start, end)`:
    /// `nodes` of reserved nodes or a capacity block, a savings plan's `usd_per_hour`. Two
    /// commitments of one name, an end not after its start, an unknown pool, the other kind's
    /// amount or overlapping capacity blocks of one pool are refused with the item's path.
    static func commitments(_ value: YAMLValue?, offers: [String: [String: GPUOffer]]) throws(ConfigurationError) -> [Commitment] {
        guard let value else { return [] }
        var commitments: [Commitment] = []
        var names: [String: String] = [:]
        for item in try value.items() {
            let fields = try item.fields(CommitmentKey.self, required: [.kind, .region, .gpuType, .start, .end, .usdPerGPUHour])
            let kindValue = try fields.required(.kind)
            let kindText = try kindValue.string()
            guard let kind = Commitment.Kind(rawValue: kindText) else {
                let known = Commitment.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw kindValue.error("unknown kind '\(kindText)' (known: \(known))")
            }
            // Nodes for reserved nodes and blocks; USD per hour for a savings plan; not both.
            let amount: (nodes: Int, usdPerHour: Double?)
            if kind == .savingsPlan {
                if fields[.nodes] != nil {
                    throw item.error("a savings plan commits USD per hour (usd_per_hour), not nodes")
                }
                guard let hourly = fields[.usdPerHour] else { throw item.error("missing required key 'usd_per_hour' (a savings plan's commitment)") }
                let usd = try hourly.number()
                guard usd > 0, usd <= 10_000_000 else { throw hourly.error("must be above 0 and at most 10000000 USD per hour, got \(usd)") }
                amount = (0, usd)
            } else {
                if fields[.usdPerHour] != nil {
                    throw item.error("usd_per_hour is a savings plan's commitment; \(kind.rawValue) holds nodes")
                }
                guard let nodes = fields[.nodes] else { throw item.error("missing required key 'nodes'") }
                amount = (try nodes.integer(atLeast: 1, atMost: 100_000), nil)
            }
            let (region, gpuType) = try pricedPool(try fields.required(.region), try fields.required(.gpuType), offers: offers)
            let startValue = try fields.required(.start)
            let endValue = try fields.required(.end)
            let start = try startValue.instant()
            let end = try endValue.instant()
            guard end > start else { throw endValue.error("must be after start (\(Timestamp.format(start)))") }
            let name = try fields[.name]?.string() ?? item.path
            if let first = names[name] {
                throw item.error("has the name '\(name)' of \(first) already")
            }
            names[name] = item.path
            let priceValue = try fields.required(.usdPerGPUHour)
            let price = try priceValue.nonNegative()
            if kind == .savingsPlan, price <= 0 {
                throw priceValue.error("a savings plan's rate must be above 0 (its commitment buys usd_per_hour / usd_per_gpu_hour GPUs)")
            }
            let commitment = Commitment(
                name: name, kind: kind, region: region, gpuType: gpuType, nodes: amount.nodes, start: start, end: end,
                usdPerGPUHour: price, usdPerHour: amount.usdPerHour)
            if kind == .capacityBlock, let other = commitments.first(where: {
                $0.kind == .capacityBlock && $0.pool == commitment.pool && $0.start < end && start < $0.end
            }) {
                throw item.error("overlaps capacity block '\(other.name)' of \(region)/\(gpuType) "
                    + "(\(Timestamp.format(other.start)) to \(Timestamp.format(other.end))); one block per pool at a time")
            }
            commitments.append(commitment)
        }
        return commitments
    }
}

extension ConfigurationReader {
    /// The keys of `demand_changes[i]`.
    enum DemandChangeKey: String, ConfigurationKey {
        case name, region
        case gpuType = "gpu_type"
        case from, until, multiplier
    }

    /// `demand_changes`: known changes of a pool's demand from a date on (or until another),
    /// for the long-horizon forecast of commitments (a model launch: 1.5; a migration away: 0.3;
    /// a launch event's peak: 2 with an `until`, a window capacity blocks are advised for).
    static func demandChanges(_ value: YAMLValue?, offers: [String: [String: GPUOffer]]) throws(ConfigurationError) -> [DemandChange] {
        guard let value else { return [] }
        var changes: [DemandChange] = []
        for item in try value.items() {
            let fields = try item.fields(DemandChangeKey.self, required: [.region, .gpuType, .from, .multiplier])
            let (region, gpuType) = try pricedPool(try fields.required(.region), try fields.required(.gpuType), offers: offers)
            let multiplierValue = try fields.required(.multiplier)
            let multiplier = try multiplierValue.number()
            guard multiplier >= 0, multiplier <= 100 else {
                throw multiplierValue.error("must be between 0 and 100 (1.5: half as much again from then on), got \(multiplier)")
            }
            let from = try fields.required(.from).instant()
            var until: Int64?
            if let untilValue = fields[.until] {
                let end = try untilValue.instant()
                guard end > from else { throw untilValue.error("must be after from (\(Timestamp.format(from)))") }
                until = end
            }
            changes.append(DemandChange(name: try fields[.name]?.string() ?? item.path, region: region, gpuType: gpuType,
                                        from: from, until: until, multiplier: multiplier))
        }
        return changes
    }
}

extension ConfigurationReader {
    /// A region and GPU type priced in `regions`, or an error naming the key that is not.
    static func pricedPool(_ regionValue: YAMLValue, _ gpuValue: YAMLValue,
                           offers: [String: [String: GPUOffer]]) throws(ConfigurationError) -> (region: String, gpuType: String) {
        let region = try regionValue.string()
        guard let regionOffers = offers[region] else {
            throw regionValue.error("region '\(region)' has no prices (known: \(offers.keys.sorted().joined(separator: ", ")))")
        }
        let gpuType = try gpuValue.string()
        guard regionOffers[gpuType] != nil else {
            throw gpuValue.error("\(region) has no prices for '\(gpuType)' (priced there: "
                + "\(regionOffers.keys.sorted().joined(separator: ", ")))")
        }
        return (region, gpuType)
    }
}

extension YAMLValue {
    /// An instant: a date (`2026-06-01`, midnight UTC) or an RFC 3339 date-time, as Unix seconds.
    func instant() throws(ConfigurationError) -> Int64 {
        let text = try string()
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        guard full.count >= 20, let seconds = Timestamp.parse(full) else {
            throw error("must be a date (2026-06-01) or an RFC 3339 date-time (2026-06-01T00:00:00Z), got '\(text)'")
        }
        return seconds
    }
}
