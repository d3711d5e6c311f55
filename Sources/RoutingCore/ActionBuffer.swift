/// A reusable output buffer owned by the caller. The core appends; the
/// caller reads and calls `removeAll()` between events. Keeps its storage,
/// so steady-state use neither allocates nor frees: `removeAll()` only
/// resets the count, and `append` overwrites old entries in place.
public struct ActionBuffer: RandomAccessCollection, Sendable {
    @usableFromInline var storage: [RoutingAction]
    @usableFromInline var used = 0

    public init(capacity: Int = 64) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { used }
    @inlinable public subscript(i: Int) -> RoutingAction {
        precondition(i < used, "action index out of range")
        return storage[i]
    }

    /// Empties the buffer, keeping its storage.
    @inlinable public mutating func removeAll() { used = 0 }

    @inlinable @inline(__always) mutating func append(_ action: RoutingAction) {
        if used < storage.count { storage[used] = action } else { storage.append(action) }
        used += 1
    }
}
