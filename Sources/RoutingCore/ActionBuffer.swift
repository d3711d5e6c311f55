/// A reusable output buffer owned by the caller. The core appends; the
/// caller reads and calls `removeAll()` between events. Keeps its capacity,
/// so steady-state use does not allocate.
public struct ActionBuffer: RandomAccessCollection, Sendable {
    @usableFromInline var storage: [RoutingAction]

    public init(capacity: Int = 64) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    @inlinable public subscript(i: Int) -> RoutingAction { storage[i] }

    /// Empties the buffer, keeping its capacity.
    @inlinable public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    @inlinable mutating func append(_ action: RoutingAction) { storage.append(action) }
}
