import Foundation
import Hummingbird
import RoutingCore
import Testing
@testable import Server

/// The hand-written JSON of the hot path reads and writes what Foundation's coders do.
@Suite struct HotJSONTests {
    static let awkward = ["plain", "quote \" and backslash \\", "line\nbreak\ttab\r", "control \u{01}\u{1F}", "é ü 北京 🙂", ""]

    @Test func contactViewReadsBackAsTheSameValue() throws {
        var views: [ContactView] = []
        for (i, s) in Self.awkward.enumerated() {
            views.append(ContactView(id: "c\(i)", queue: s, channel: .chat, priority: Int32(i) - 2, state: .waiting,
                                     agent: i % 2 == 0 ? s : nil, position: i % 3 == 0 ? nil : i,
                                     expectedWaitSeconds: [nil, 0.1, 12.5, 1e-7, 3.0, 86_400.25][i], callback: i % 2 == 1,
                                     attributes: i % 3 == 2 ? nil : [s: s, "k": "v\(i)"]))
        }
        for view in views {
            var buffer = view.jsonBuffer()
            let data = Data(buffer.readBytes(length: buffer.readableBytes)!)
            #expect(try JSONDecoder().decode(ContactView.self, from: data) == view)
            // The same keys as the Codable form: none added, none missing.
            let fast = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let coded = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(view)) as? [String: Any])
            #expect(Set(fast.keys) == Set(coded.keys))
        }
    }

    func plain(_ body: String) -> ArrivalRequest? {
        Array(body.utf8).withUnsafeBytes { ArrivalRequest.plain($0) }
    }

    @Test func plainArrivalBodiesReadAsTheStrictDecoderReadsThem() throws {
        let bodies = [
            #"{"queue":"sales"}"#,
            #" { "queue" : "sales" , "priority" : -7 , "channel" : "chat" , "attributes" : { "customer" : "é 1" , "x" : "" } } "#,
            #"{"attributes":{},"priority":2147483647,"queue":"北京"}"#,
            #"{"priority":0,"queue":"q"}"#,
        ]
        for body in bodies {
            let fast = try #require(plain(body), "\(body)")
            let strict = try JSONDecoder().decode(ArrivalRequest.self, from: Data(body.utf8))
            #expect(fast.queue == strict.queue && fast.priority == strict.priority)
            #expect(fast.channel == strict.channel && fast.attributes == strict.attributes)
        }
    }

    @Test func anythingButThePlainShapeIsLeftToTheStrictDecoder() {
        let others = [
            "", "[]", "{", #"{"queue":"sales""#, #"{"queue":"sales"} x"#, #"{"queue":"sales",}"#,
            #"{"priority":1}"#,                          // no queue
            #"{"queue":"sales","queue":"other"}"#,       // twice
            #"{"queue":"sales","colour":"red"}"#,        // unknown field
            #"{"queue":"sa\u006ces"}"#,                  // escape
            #"{"queue":null}"#, #"{"queue":5}"#,
            #"{"queue":"sales","priority":1.0}"#, #"{"queue":"sales","priority":1e2}"#,
            #"{"queue":"sales","priority":01}"#, #"{"queue":"sales","priority":2147483648}"#,
            #"{"queue":"sales","priority":-}"#, #"{"queue":"sales","priority":"1"}"#,
            #"{"queue":"sales","channel":"fax"}"#,
            #"{"queue":"sales","attributes":{"a":1}}"#, #"{"queue":"sales","attributes":{"a":"1","a":"2"}}"#,
            "{\"queue\":\"line\nbreak\"}",              // raw control character
        ]
        for body in others { #expect(plain(body) == nil, "\(body)") }
        // Invalid UTF-8 inside a string.
        #expect([UInt8](#"{"queue":""#.utf8 + [0xFF] + #""}"#.utf8).withUnsafeBytes { ArrivalRequest.plain($0) } == nil)
    }
}

/// Both ways of reading an arrival give the same contact over HTTP.
@Suite struct ArrivalBodyTests {
    @Test func escapedAndPlainBodiesArriveAlike() async throws {
        let f = try Fixture()
        try await f.test { client in
            for body in [#"{"queue":"sales","attributes":{"customer":"A \"B\""}}"#,
                         #"{"queue":"sa\u006ces","attributes":{"customer":"A \"B\""}}"#] {
                let r = try await client.call(.post, "/v1/contacts", token: Token.telephony, body: body)
                #expect(r.status == .created)
                #expect(r.json()["queue"] as? String == "sales")
            }
        }
        let contacts = try await f.engine.state.contacts.values.map(\.attributes)
        #expect(contacts == [["customer": #"A "B""#], ["customer": #"A "B""#]])
    }
}
