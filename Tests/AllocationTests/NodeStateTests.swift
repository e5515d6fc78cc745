import Allocation
import Testing

@Test func nodeStatesAreTheDocumentedOnes() {
    #expect(NodeState.allCases.map(\.rawValue) == ["provisioning", "ready", "draining", "terminated"])
}
