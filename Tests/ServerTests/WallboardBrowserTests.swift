import Foundation
import HummingbirdTesting
import Testing
@testable import Server

/// The wallboard in a real headless browser: `tools/wallboard_check.py`
/// drives Debian's chromium through the DevTools protocol against a server
/// on a loopback port. Skipped when chromium (or python3) is not installed.
@Suite struct WallboardBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/wallboard_check.py").path

    @Test(.enabled(if: chromium != nil && python != nil, "chromium or python3 is not installed"))
    func wallboardLoadsShowsLiveFiguresAndUpdatesWhenAContactArrives() async throws {
        let f = try Fixture()
        try await f.test(.live) { client in
            let port = try #require(client.port)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.python!)
            process.arguments = [Self.script, "--chromium", Self.chromium!, "--url", "http://localhost:\(port)",
                                 "--supervisor-token", Token.supervisor, "--telephony-token", Token.telephony]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // Poll: the server under test runs on this process's threads.
            let deadline = ContinuousClock.now + .seconds(90)
            while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(text)")
            #expect(text.contains("wallboard check passed"), "\(text)")
        }
    }
}
