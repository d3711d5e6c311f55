/// One routing decision as the simulator observed it: at `timeMicros`, the
/// `contact`-th arrival of the replication (counting from 0) was connected to
/// `agent` (the core's dense agent index); `queue` is the queue it arrived in.
public struct Decision: Sendable, Equatable, Hashable {
    public var timeMicros: Int64
    public var contact: Int64
    public var agent: Int32
    public var queue: Int32

    public init(timeMicros: Int64, contact: Int64, agent: Int32, queue: Int32) {
        self.timeMicros = timeMicros
        self.contact = contact
        self.agent = agent
        self.queue = queue
    }
}

/// A running digest of a sequence of decisions, FNV-1a (64-bit) over 64-bit
/// words (three per decision, one multiply each, cheap in the hot loop):
/// equal sequences give equal digests on every run and machine; a change of
/// a time, contact, agent, queue or order changes it (up to rare collisions).
public struct DecisionDigest: Sendable, Equatable, Hashable, CustomStringConvertible {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var count: Int = 0

    public init() {}

    @inline(__always) mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* 0x0000_0100_0000_01b3
    }

    /// Adds one decision.
    public mutating func add(_ d: Decision) {
        mix(UInt64(bitPattern: d.timeMicros))
        mix(UInt64(bitPattern: d.contact))
        mix(UInt64(UInt32(bitPattern: d.agent)) | UInt64(UInt32(bitPattern: d.queue)) << 32)
        count += 1
    }

    /// 16 hexadecimal digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
