import Foundation
import Testing

/// Each shipped scenario announces, at every queue, with the wait-time method
/// that measured best there (lowest RASE, judged on the same announcements),
/// not with a guess. When routing or traffic changes move the ranking, this
/// fails and the scenario's `wait_estimator` must follow the measurement.
@Suite struct DefaultWaitEstimatorTests {
    static let scenarios = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    @Test(arguments: ["utility-hotline", "storm-surge"])
    func everyQueueAnnouncesWithItsMeasuredBestMethod(_ name: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("acd-ewt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let o = try CLI.json(["simulate", Self.scenarios.appendingPathComponent("\(name).yaml").path,
                              "--quiet", "--format", "json", "--out", out.path])
        let ewt = try #require(o["ewt"] as? [String: Any])
        #expect(ewt.count == 5)
        for (queue, value) in ewt {
            let accuracy = try #require(value as? [String: Any])
            #expect(accuracy["announced"] as? String == accuracy["best"] as? String, "\(name): queue \(queue)")
        }
    }
}
