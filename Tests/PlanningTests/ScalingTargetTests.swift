@testable import Planning
import Testing
import Vocabulary

/// What an autoscaler following a plan runs at an instant: the launched replicas of its step.
@Suite struct ScalingTargetTests {
    let start: Int64 = 1_764_547_200  // 2025-12-01T00:00:00Z

    func plan(_ launched: [Int], initial: Int = 4) -> ModelPlan {
        ModelPlan(model: "chat-8b", region: "us-east-1", gpuType: "H100", gpusPerReplica: 1, workloadClass: .interactive,
                  stepSeconds: 300, start: start, quantile: 0.5, plannedRequestsPerSecond: launched.map(Double.init),
                  replicas: launched, batchSize: launched.map { _ in 8 }, launchedReplicas: launched, readyReplicas: launched,
                  initialReplicas: initial, actions: [], leadTimeSeconds: 690, gpuHours: 0, replicaHoursSavedByBatching: 0,
                  cappedSteps: 0, uncoveredSteps: 0)
    }

    @Test func theStepsLaunchedReplicasAndTheNextChange() throws {
        let plan = plan([2, 2, 3, 3, 3, 1])
        let first = try plan.scalingTarget(at: start + 10)
        #expect(first.replicas == 2 && first.stepStart == start && first.at == start + 10)
        #expect(first.nextChangeAt == start + 600 && first.nextReplicas == 3)
        #expect(first.horizonEnd == start + 1_800)
        let middle = try plan.scalingTarget(at: start + 899)
        #expect(middle.replicas == 3 && middle.stepStart == start + 600 && middle.nextChangeAt == start + 1_500 && middle.nextReplicas == 1)
        let last = try plan.scalingTarget(at: start + 1_799)
        #expect(last.replicas == 1 && last.nextChangeAt == nil && last.nextReplicas == nil)
    }

    @Test func beforeTheFirstStepTheInitialReplicasAndAfterTheHorizonNothing() throws {
        let plan = plan([2, 2, 3], initial: 4)
        let before = try plan.scalingTarget(at: start - 60)
        #expect(before.replicas == 4 && before.stepStart == nil && before.nextChangeAt == start && before.nextReplicas == 2)
        #expect(throws: ScalingTargetProblem.horizonEnded(end: start + 900)) { try plan.scalingTarget(at: start + 900) }
        #expect(throws: ScalingTargetProblem.empty) { try self.plan([]).scalingTarget(at: start) }
    }
}
