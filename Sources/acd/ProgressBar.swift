import Foundation
import Synchronization

/// A progress bar on stderr for long runs: shown only when stderr is a
/// terminal, not quiet, and the run has taken more than a second; redrawn at
/// most ten times a second; safe to update from any thread.
final class ProgressBar: Sendable {
    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var shown = false
    }

    private let label: String
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let state = Mutex(State())

    init(label: String, quiet: Bool) {
        self.label = label
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    /// Reports the share done, 0...1.
    func update(_ fraction: Double) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - start > .seconds(1) else { return }
        state.withLock { s in
            if let last = s.lastDraw, now - last < .milliseconds(100) { return }
            s.lastDraw = now
            s.shown = true
            let width = 30
            let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(Int(fraction * 100))%".utf8))
        }
    }

    /// Clears the bar if it was drawn.
    func finish() {
        state.withLock { s in
            if s.shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            s.shown = false
        }
    }
}
