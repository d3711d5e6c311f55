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
            name: "acd_http_request_duration_seconds", buckets: buckets, help: "HTTP request latency")
        journalLatency = registry.makeDurationHistogram(
            name: "acd_journal_append_duration_seconds", buckets: buckets, help: "Durable journal append latency")
    }

    func arrived(_ queue: String) {
        registry.makeCounter(name: "acd_contacts_arrived_total", labels: [("queue", queue)],
                             help: "Contacts that entered a queue").increment()
    }

    func answered(_ queue: String) {
        registry.makeCounter(name: "acd_contacts_answered_total", labels: [("queue", queue)],
                             help: "Contacts that reached an agent").increment()
    }

    func abandoned(_ queue: String) {
        registry.makeCounter(name: "acd_contacts_abandoned_total", labels: [("queue", queue)],
                             help: "Contacts that left before an agent took them").increment()
    }

    func waiting(_ queue: String) -> Gauge {
        registry.makeGauge(name: "acd_contacts_waiting", labels: [("queue", queue)],
                           help: "Contacts waiting (or being offered) per queue")
    }

    func agents(_ status: String) -> Gauge {
        registry.makeGauge(name: "acd_agents", labels: [("state", status)], help: "Agents by state")
    }

    /// Text exposition format.
    public func render() -> String { registry.emitToString() }
}
