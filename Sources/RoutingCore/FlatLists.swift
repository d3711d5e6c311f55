/// A fixed list of lists stored back to back (compressed sparse rows).
/// Hot paths walk list `i` as `list(i)`: a buffer whose bounds were checked
/// once, when it was built, so reading it costs neither reference counting
/// (unlike an array of arrays) nor a bounds check per element.
struct FlatLists<Element> {
    /// Every list's elements, list after list, and where each list starts
    /// (then the end of the last); never changed after `init`.
    private final class Storage: @unchecked Sendable {
        let values: UnsafeMutablePointer<Element>
        let valueCount: Int
        let starts: UnsafeMutablePointer<Int32>
        let listCount: Int

        init(_ lists: [[Element]]) {
            valueCount = lists.reduce(0) { $0 + $1.count }
            listCount = lists.count
            values = .allocate(capacity: valueCount)
            starts = .allocate(capacity: listCount + 1)
            var end = 0
            starts[0] = 0
            for (i, list) in lists.enumerated() {
                (values + end).initialize(from: list, count: list.count)
                end += list.count
                starts[i + 1] = Int32(end)
            }
        }

        deinit {
            values.deinitialize(count: valueCount)
            values.deallocate()
            starts.deallocate()
        }
    }

    private let storage: Storage

    init(_ lists: [[Element]]) { storage = Storage(lists) }

    /// Number of lists.
    var count: Int { storage.listCount }

    /// List `i`. O(1); traps unless `0 <= i < count`.
    @inline(__always) func list(_ i: Int) -> UnsafeBufferPointer<Element> {
        precondition(UInt(bitPattern: i) < UInt(bitPattern: storage.listCount), "list index out of range")
        let start = Int(storage.starts[i])
        return UnsafeBufferPointer(start: storage.values + start, count: Int(storage.starts[i + 1]) - start)
    }

    /// List `i`, as `list(i)`.
    subscript(i: Int) -> UnsafeBufferPointer<Element> { list(i) }
}

extension FlatLists: Sendable where Element: Sendable {}
