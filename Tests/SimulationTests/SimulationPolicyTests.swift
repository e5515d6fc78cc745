import Simulation
import Testing

@Test func policiesAreTheFourCompared() {
    #expect(SimulationPolicy.allCases.map(\.rawValue) == ["hybrid", "predictive", "reactive", "static"])
}
