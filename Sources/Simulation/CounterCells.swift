import BasicContainers

/// The per-interval counters of a running replication, one cell per (queue
/// or group, interval): noncopyable, so counting costs no copy-on-write
/// checks. `ReplicationCounters` takes them over when the run ends.
struct CounterCells: ~Copyable {
    let intervalCount: Int
    private var queueCells: UniqueArray<QueueCounters>
    private var groupCells: UniqueArray<GroupCounters>

    init(queueCount: Int, groupCount: Int, intervalCount: Int) {
        self.intervalCount = intervalCount
        queueCells = UniqueArray(repeating: QueueCounters(), count: queueCount * intervalCount)
        groupCells = UniqueArray(repeating: GroupCounters(), count: groupCount * intervalCount)
    }

    /// Queue `q` in interval `i`.
    subscript(queue q: Int, interval i: Int) -> QueueCounters {
        _read { yield queueCells[q * intervalCount + i] }
        _modify { yield &queueCells[q * intervalCount + i] }
    }

    /// Group `g` in interval `i`.
    subscript(group g: Int, interval i: Int) -> GroupCounters {
        _read { yield groupCells[g * intervalCount + i] }
        _modify { yield &groupCells[g * intervalCount + i] }
    }

    /// Copies every cell into `counters` (which has the same shape).
    func copy(into counters: inout ReplicationCounters) {
        for k in 0..<queueCells.count { counters.queueCells[k] = queueCells[k] }
        for k in 0..<groupCells.count { counters.groupCells[k] = groupCells[k] }
    }
}
