/// A fixed list of lists stored back to back (compressed sparse rows): list
/// `i` is `values[range(of: i)]`. Hot paths read it by index, which costs
/// no reference counting, unlike an array of arrays.
struct FlatLists<Element> {
    /// Every list's elements, list after list.
    private(set) var values: [Element] = []
    /// Start of each list in `values`, then the end of the last.
    private var starts: [Int32] = [0]

    init(_ lists: [[Element]]) {
        values.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            values += list
            starts.append(Int32(values.count))
        }
    }

    /// Number of lists.
    var count: Int { starts.count - 1 }

    /// Positions in `values` of list `i`. O(1).
    @inline(__always) func range(of i: Int) -> Range<Int> { Int(starts[i]) ..< Int(starts[i + 1]) }

    /// List `i` (a view of `values`).
    subscript(i: Int) -> ArraySlice<Element> { values[range(of: i)] }
}

extension FlatLists: Sendable where Element: Sendable {}
