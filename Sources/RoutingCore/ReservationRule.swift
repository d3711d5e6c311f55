/// Threshold routing: keep `keepFree` agents of `group` available for the
/// `protectedQueues`; contacts of any other queue get an agent of `group`
/// only while more than `keepFree` of the group's agents are available
/// (counting the agent that would take the contact).
public struct ReservationRule: Codable, Sendable, Equatable {
    public var group: String
    public var keepFree: Int
    public var protectedQueues: [String]
    public init(group: String, keepFree: Int, protectedQueues: [String]) {
        self.group = group
        self.keepFree = keepFree
        self.protectedQueues = protectedQueues
    }
}
