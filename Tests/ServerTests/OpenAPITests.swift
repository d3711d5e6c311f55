import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Server

/// The served OpenAPI document and the server agree: every documented
/// operation is routed (a request reaches a handler, which answers with the
/// documented status codes), and documented schemas hold every key the
/// server returns.
@Suite struct OpenAPITests {
    static func document(_ client: any TestClientProtocol) async throws -> [String: Any] {
        let r = try await client.call(.get, "/openapi.json", token: nil)
        #expect(r.status == .ok)
        return try #require(r.json() as [String: Any]?)
    }

    @Test func everyDocumentedOperationIsRoutedAndAnswersADocumentedStatus() async throws {
        let f = try Fixture()
        try await f.test { client in
            let doc = try await Self.document(client)
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            #expect(paths.count >= 20)
            _ = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: #"{"queue":"sales"}"#)
            for (path, operations) in paths.sorted(by: { $0.key < $1.key }) {
                let uri = path.replacingOccurrences(of: "{id}", with: path.hasPrefix("/v1/contacts") ? "c1" : "team%231")
                    + (path.hasSuffix("stream") || path.hasSuffix("offers") ? "?limit=1" : "")
                for (method, value) in operations.sorted(by: { $0.key < $1.key }) {
                    let operation = try #require(value as? [String: Any])
                    let documented = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
                    let m: HTTPRequest.Method = method == "get" ? .get : method == "put" ? .put : .post
                    let body: String? = path.hasSuffix("skills") ? #"{"skills":[{"skill":"sales","level":5}]}"#
                        : path.hasSuffix("not-ready") ? #"{"reason":2}"# : path.hasSuffix("reload") ? testConfig : nil
                    let r = try await client.call(m, uri, token: Token.supervisor, body: body)
                    #expect(documented.contains(String(r.status.code)), "\(method) \(path): \(r.status.code)")
                    if r.status.code >= 400 {
                        // A handler answered (JSON error), not the router's own "no such route".
                        #expect(r.json()["error"] != nil, "\(method) \(path) is not routed")
                    }
                }
            }
        }
    }

    @Test func schemasListEveryKeyTheServerReturns() async throws {
        let f = try Fixture()
        try await f.test { client in
            let doc = try await Self.document(client)
            let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func keys(_ name: String) -> Set<String> { Set((schemas[name]?["properties"] as? [String: Any] ?? [:]).keys) }
            _ = try await client.call(.post, "/v1/agents/team%231/login", token: Token.agent1)
            let contact = try await client.call(.post, "/v1/contacts", token: Token.telephony,
                                                body: #"{"queue":"sales","attributes":{"account":"42"}}"#).json()
            #expect(Set(contact.keys).isSubset(of: keys("Contact")), "\(contact.keys)")
            let agent = try await client.call(.get, "/v1/agents/team%231", token: Token.supervisor).json()
            #expect(Set(agent.keys).isSubset(of: keys("Agent")))
            let stats = try await client.call(.get, "/v1/stats", token: Token.supervisor).json()
            #expect(Set(stats.keys).isSubset(of: keys("Stats")))
            let queue = try #require((stats["queues"] as? [[String: Any]])?.first)
            #expect(Set(queue.keys).isSubset(of: keys("QueueStats")), "\(queue.keys)")
        }
    }
}
