import Simulation
import Testing

@Test func policiesAreTheFourCompared() {
    #expect(SimulationPolicy.allCases.map(\.rawValue) == ["hybrid", "predictive", "reactive", "static"])
}

@Test func thePoliciesThatPlanUseForecasts() {
    #expect(SimulationPolicy.allCases.filter(\.usesForecasts) == [.hybrid, .predictive])
}

@Test func anUnknownPolicyNamesTheOthers() {
    #expect(SimulationError.unknownPolicy("greedy").description
        == "unknown policy 'greedy': use hybrid, predictive, reactive, static or all")
}
