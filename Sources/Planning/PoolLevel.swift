/// GPUs needed in one step by the models that share a region and GPU type, by workload class.
public struct PoolLevel: Sendable, Hashable, Codable {
    /// Unix seconds of the start of the step.
    public var at: Int64
    /// GPUs of interactive models (never placed on spot).
    public var interactiveGPUs: Double
    /// GPUs of batch models (may go to spot above the reservation).
    public var batchGPUs: Double

    public init(at: Int64, interactiveGPUs: Double, batchGPUs: Double) {
        self.at = at
        self.interactiveGPUs = interactiveGPUs
        self.batchGPUs = batchGPUs
    }

    public var totalGPUs: Double { interactiveGPUs + batchGPUs }
}
