import Foundation

/// Commits the engine's applied events to the journal, in order, one batch
/// per transaction (group commit), off the engine: the events handed over
/// while a commit runs make the next batch, which starts as soon as the
/// previous one is durable. Each durable batch opens the `DurabilityGate` at
/// once (waiting requests are answered without a trip through the engine's
/// queue); the engine hears of it afterwards, through `committed`.
final class JournalWriter: @unchecked Sendable {
    /// Told, after each commit, how many events are durable in all, or the
    /// error that stopped the writer (nothing more is written after one).
    typealias Listener = @Sendable (_ durable: Int, _ failure: (any Error)?) -> Void

    private let journal: Journal
    private let gate: DurabilityGate
    private let metrics: ServerMetrics
    private let queue = DispatchQueue(label: "acd.journal")
    private let lock = NSLock()
    // Guarded by `lock`.
    private var pending: [Journal.Write] = []
    private var draining = false
    private var failed = false
    private var listener: Listener?
    // Only on `queue`.
    private var durable = 0

    init(journal: Journal, gate: DurabilityGate, metrics: ServerMetrics) {
        self.journal = journal
        self.gate = gate
        self.metrics = metrics
    }

    /// Sets who hears of commits.
    func listen(_ listener: @escaping Listener) {
        lock.withLock { self.listener = listener }
    }

    /// Queues `write`, the next applied event, for the journal.
    func submit(_ write: Journal.Write) {
        lock.lock()
        guard !failed else { return lock.unlock() }
        pending.append(write)
        let start = !draining
        draining = true
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    /// Commits batches until nothing is pending.
    private func drain() {
        while true {
            lock.lock()
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            if batch.isEmpty { draining = false }
            let listener = listener
            lock.unlock()
            if batch.isEmpty { return }
            let start = ContinuousClock.now
            do {
                try journal.append(batch)
            } catch {
                lock.withLock {
                    failed = true
                    pending.removeAll()
                    draining = false
                }
                gate.fail(APIError(.serviceUnavailable, "journal unavailable; event not accepted"))
                listener?(durable, error)
                return
            }
            metrics.journalLatency.record(ContinuousClock.now - start)
            durable += batch.count
            gate.open(through: durable)
            listener?(durable, nil)
        }
    }
}
