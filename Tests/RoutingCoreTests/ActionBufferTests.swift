@testable import RoutingCore
import Testing

@Suite struct ActionBufferTests {
    @Test func removeAllKeepsStorageAndLaterAppendsOverwriteInOrder() {
        var buffer = ActionBuffer(capacity: 2)
        let a = RoutingAction.agentLoggedOut(AgentID(1))
        let b = RoutingAction.agentLoggedOut(AgentID(2))
        let c = RoutingAction.agentLoggedOut(AgentID(3))
        for action in [a, b, c] { buffer.append(action) }
        #expect(Array(buffer) == [a, b, c])
        buffer.removeAll()
        #expect(buffer.isEmpty && buffer.count == 0)
        buffer.append(c)
        #expect(Array(buffer) == [c])
        #expect(buffer.storage.count == 3)
        buffer.append(a)
        buffer.append(b)
        buffer.append(c)
        #expect(Array(buffer) == [c, a, b, c])
    }
}
