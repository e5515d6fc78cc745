import Testing
import Vocabulary

@Test func capacityTypesUseTheirConfigurationSpelling() {
    #expect(CapacityType(rawValue: "on-demand") == .onDemand)
    #expect(CapacityType.allCases.map(\.rawValue) == ["reserved", "on-demand", "spot"])
}
