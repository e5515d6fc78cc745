import Allocation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite(.serialized) struct AllocationBenchmarkTests {
    /// A small run: everything placed, packing within 2% of the lower bound in every group.
    @Test func aSmallRunPlacesEverythingAndPacksTightly() throws {
        let report = try AllocationBenchmark.run(nodes: 200, replicas: 800, repetitions: 1, clock: ContinuousClock())
        #expect(report.replicasPlaced == 800)
        #expect(report.worstExcessOverLowerBound <= 0.02, "\(report.lines.joined(separator: "\n"))")
        #expect(report.steadyActions > 800, "cold starts end, targets move, nodes are lost")
        #expect(report.nodesLost > 0)
        #expect(report.churnedWorstExcessOverLowerBound <= 0.02, "\(report.lines.joined(separator: "\n"))")
        #expect(report.lines.count == 5 + report.groups.count)
    }

    @Test func tooSmallAFleetIsRefused() {
        #expect(throws: AllocationError.invalidSetting(field: "nodes", value: "2", rule: "must be at least 4")) {
            try AllocationBenchmark.run(nodes: 2, replicas: 800, clock: ContinuousClock())
        }
    }

    /// The figure in docs/ALLOCATION.md: 5,000 nodes and 20,000 replicas, release build, when
    /// HEADROOM_ALLOCATION_BENCH=1 (printed; the 2% packing bar is checked).
    @Test(.enabled(if: Environment.benchmark)) func fullSize() throws {
        let report = try AllocationBenchmark.run(nodes: 5_000, replicas: 20_000, clock: ContinuousClock())
        for line in report.lines { print(line) }
        #expect(report.replicasPlaced == 20_000)
        #expect(report.worstExcessOverLowerBound <= 0.02)
        #expect(report.churnedWorstExcessOverLowerBound <= 0.02)
    }
}

enum Environment {
    static var benchmark: Bool {
        (getenv("HEADROOM_ALLOCATION_BENCH")).map { String(cString: $0) == "1" } ?? false
    }
}
