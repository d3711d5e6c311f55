/// Per-queue running figures behind the statistics and the estimators.
struct QueueStatistics: Codable {
    /// Smoothed handle time (talk and wrap-up), microseconds.
    var averageHandle: Double
    var answered = 0
    var abandoned = 0
    /// Total seconds waited by contacts that left the line (answered or abandoned).
    var exposureSeconds = 0.0
    /// Wait of the last contact answered, microseconds (-1: none yet).
    var lastServedWait: Int64 = -1
    /// Asterisk-style smoothed hold time, microseconds (-1: none yet).
    var smoothedHold: Int64 = -1
}
