/// GPUs needed in one step by the models that share a region and GPU type, by workload class.
public struct PoolLevel: Sendable, Hashable, Codable {
    /// Unix seconds of the start of the step.
    public var at: Int64
    /// GPUs of interactive models (never placed on spot).
    public var interactiveGPUs: Double
    /// GPUs of batch models (may go to spot above the reservation).
    public var batchGPUs: Double
    /// GPUs of commitments held at this step (reserved nodes and capacity blocks, a savings
    /// plan's USD per hour over its rate), paid whether used or not, and what they cost per
    /// hour, USD.
    public var heldGPUs: Double = 0
    public var heldUSDPerHour: Double = 0

    public init(at: Int64, interactiveGPUs: Double, batchGPUs: Double) {
        self.at = at
        self.interactiveGPUs = interactiveGPUs
        self.batchGPUs = batchGPUs
    }

    public var totalGPUs: Double { interactiveGPUs + batchGPUs }
}

extension PoolLevel {
    enum CodingKeys: String, CodingKey { case at, interactiveGPUs, batchGPUs, heldGPUs, heldUSDPerHour }

    /// Plans stored before commitments existed have no held GPUs.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        at = try container.decode(Int64.self, forKey: .at)
        interactiveGPUs = try container.decode(Double.self, forKey: .interactiveGPUs)
        batchGPUs = try container.decode(Double.self, forKey: .batchGPUs)
        heldGPUs = try container.decodeIfPresent(Double.self, forKey: .heldGPUs) ?? 0
        heldUSDPerHour = try container.decodeIfPresent(Double.self, forKey: .heldUSDPerHour) ?? 0
    }

    /// Held GPUs are written only when there are some (plans without commitments read as before).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(interactiveGPUs, forKey: .interactiveGPUs)
        try container.encode(batchGPUs, forKey: .batchGPUs)
        if heldGPUs != 0 || heldUSDPerHour != 0 {
            try container.encode(heldGPUs, forKey: .heldGPUs)
            try container.encode(heldUSDPerHour, forKey: .heldUSDPerHour)
        }
    }
}
