import RoutingCore

/// One entry of the server's journal: exactly what the server hands to the
/// routing core, plus the server-side facts the core does not keep (the
/// contact's public id, channel and customer attributes).
///
/// A record is either a routing event or a configuration (the first record
/// of every journal, and every accepted reload).
public struct JournalRecord: Codable, Sendable, Equatable {
    /// The event handed to the core; nil for a configuration record.
    public var event: RoutingEvent?
    /// The server's id of the contact the event is about (arrivals carry the
    /// id being assigned; other contact events the id they refer to).
    public var contact: String?
    /// Customer attributes of an arriving contact (personal data: kept in
    /// the journal and in memory, never written to logs).
    public var attributes: [String: String]?
    /// Routing configuration (scenario YAML) of a configuration record.
    public var config: String?
    /// Seed of the generator handed to the core (configuration records).
    public var seed: UInt64?
    /// Offer time-out applied to every queue the scenario leaves without one
    /// (scenario YAML has no key for it); nil or 0: contacts are assigned at once.
    public var offerTimeoutSeconds: Double?

    public init(event: RoutingEvent? = nil, contact: String? = nil, attributes: [String: String]? = nil,
                config: String? = nil, seed: UInt64? = nil, offerTimeoutSeconds: Double? = nil) {
        self.offerTimeoutSeconds = offerTimeoutSeconds
        self.event = event
        self.contact = contact
        self.attributes = attributes
        self.config = config
        self.seed = seed
    }
}

/// A deterministic generator for the core's `weightedRandom` policy, part of
/// the replayed state (same seed, same events: same draws).
public struct SplitMix64: RandomNumberGenerator, Codable, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// FNV-1a, 64 bits: a stable digest of decisions (no platform crypto needed).
public struct DecisionDigest: Codable, Sendable, Equatable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var count = 0
    public init() {}

    /// Folds in the routing decisions (assignments and offers) among `actions`.
    public mutating func add(_ actions: some Sequence<RoutingAction>) {
        for action in actions {
            switch action {
            case .assign(let c, let a): mix("A \(c.slot).\(c.generation) \(a.index);")
            case .offer(let c, let a, let deadline): mix("O \(c.slot).\(c.generation) \(a.index) \(deadline);")
            default: continue
            }
            count += 1
        }
    }

    mutating func mix(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
