/// An array fixed when built whose elements are read in place: `a[i].field`
/// loads that one field, where an array of a large struct may copy the
/// whole element (retaining what it holds) first.
struct FrozenArray<Element>: RandomAccessCollection {
    private final class Storage: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(_ elements: [Element]) {
            count = elements.count
            base = .allocate(capacity: count)
            base.initialize(from: elements, count: count)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private let storage: Storage

    init(_ elements: [Element]) { storage = Storage(elements) }

    @inline(__always) var startIndex: Int { 0 }
    @inline(__always) var endIndex: Int { storage.count }

    /// Element `i`; traps unless `0 <= i < count`.
    @inline(__always) subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.count), "index out of range")
            return UnsafePointer(storage.base + i)
        }
    }
}

extension FrozenArray: Sendable where Element: Sendable {}
