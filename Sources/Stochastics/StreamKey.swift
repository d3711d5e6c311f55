/// The stable name of one independent random stream within a replication.
///
/// Every source of randomness gets its own key, hence its own stream, so that
/// adding a queue, a routing rule or a new source never shifts the draws of
/// another one (common random numbers across scenarios). A key is either a
/// ``SourceKind`` with an index (the queue, skill or agent-group index) or a
/// free name for anything else. Its ``canonicalName`` — `"arrivals/3"` or
/// `"name:<name>"` — is what gets hashed into the seed, so two keys give the
/// same stream exactly when their canonical names are equal.
public struct StreamKey: Sendable, Hashable, CustomStringConvertible {
    /// The string hashed into the stream seed (FNV-1a of its UTF-8 bytes).
    public let canonicalName: String

    /// The key of source `kind` for queue (or group) `index`.
    public init(_ kind: SourceKind, index: Int = 0) {
        canonicalName = "\(kind.rawValue)/\(index)"
    }

    /// A key for a source not covered by ``SourceKind``, by free name.
    /// Never equal to a ``SourceKind``-based key.
    public init(name: String) {
        canonicalName = "name:\(name)"
    }

    public var description: String { canonicalName }
}
