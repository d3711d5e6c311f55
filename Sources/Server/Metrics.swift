import Prometheus

/// The server's Prometheus metrics (`GET /metrics`).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let requestLatency: DurationHistogram
    let journalLatency: DurationHistogram

    public init() {
        let buckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .seconds(1),
        ]
        requestLatency = registry.makeDurationHistogram(
            descriptor: metric("acd_http_request_duration_seconds", "HTTP request latency"), buckets: buckets)
        journalLatency = registry.makeDurationHistogram(
            descriptor: metric("acd_journal_append_duration_seconds", "Durable journal append latency"), buckets: buckets)
    }

    /// A queue's contact counters.
    struct QueueCounters {
        let arrived: Counter
        let answered: Counter
        let abandoned: Counter
    }

    func counters(_ queue: String) -> QueueCounters {
        QueueCounters(
            arrived: registry.makeCounter(descriptor: metric("acd_contacts_arrived_total", "Contacts that entered a queue"),
                                          labels: [("queue", queue)]),
            answered: registry.makeCounter(descriptor: metric("acd_contacts_answered_total", "Contacts that reached an agent"),
                                           labels: [("queue", queue)]),
            abandoned: registry.makeCounter(
                descriptor: metric("acd_contacts_abandoned_total", "Contacts that left before an agent took them"),
                labels: [("queue", queue)]))
    }

    func waiting(_ queue: String) -> Gauge {
        registry.makeGauge(descriptor: metric("acd_contacts_waiting", "Contacts waiting (or being offered) per queue"),
                           labels: [("queue", queue)])
    }

    func agents(_ status: String) -> Gauge {
        registry.makeGauge(descriptor: metric("acd_agents", "Agents by state"), labels: [("state", status)])
    }

    /// Text exposition format.
    public func render() -> String { registry.emitToString() }
}

/// A metric's full name (no namespace or unit parts) and help text.
private func metric(_ name: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
}
