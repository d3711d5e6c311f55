/// A shift of an agent group: `count` agents log in at `start` and out at
/// `end` (seconds from the start of the run, as surges), and are off duty
/// during `breaks`. An agent going off duty (on a break or at the end)
/// finishes its contacts first; back from a break it is on duty again at
/// the break's end, even if its last contact ran past it.
public struct Shift: Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var count: Int
    /// In time order, within `[start, end]`, not overlapping.
    public var breaks: [ShiftBreak]

    public init(start: Double, end: Double, count: Int, breaks: [ShiftBreak] = []) {
        self.start = start
        self.end = end
        self.count = count
        self.breaks = breaks
    }

    /// The times on duty, in order: `[start, end)` less the breaks, without
    /// empty spans (a break at the start, or two breaks back to back).
    public var dutySpans: [Range<Double>] {
        var spans: [Range<Double>] = []
        var from = start
        for b in breaks {
            if b.start > from { spans.append(from..<b.start) }
            from = b.end
        }
        if end > from { spans.append(from..<end) }
        return spans
    }
}

/// A break within a shift, seconds from the start of the run.
public struct ShiftBreak: Sendable, Equatable {
    public var start: Double
    public var length: Double
    public var end: Double { start + length }

    public init(start: Double, length: Double) {
        self.start = start
        self.length = length
    }
}
