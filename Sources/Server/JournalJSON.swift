import Hummingbird
import RoutingCore

// The journal's JSON, written by hand for the records of routine events and
// their actions: the same text the `Codable` forms give with sorted keys
// (tests compare them byte for byte), at a fraction of `JSONEncoder`'s cost.
// Configuration records and skill changes, rare, go through `JSONEncoder`.

extension JournalRecord {
    /// The record as journal JSON; nil when only `JSONEncoder` writes it.
    func journalJSON() -> String? {
        guard config == nil, seed == nil, offerTimeoutSeconds == nil, let event else { return nil }
        var w = JSONWriter()
        w.raw("{")
        var first = true
        if let attributes {
            w.key("attributes", first: true)
            w.object(attributes)
            first = false
        }
        if let contact {
            w.key("contact", first: first)
            w.string(contact)
            first = false
        }
        w.key("event", first: first)
        guard w.event(event) else { return nil }
        w.raw("}")
        return w.text
    }
}

extension [RoutingAction] {
    /// The actions as journal JSON.
    func journalJSON() -> String {
        var w = JSONWriter()
        w.raw("[")
        for (i, action) in enumerated() {
            if i > 0 { w.raw(",") }
            w.action(action)
        }
        w.raw("]")
        return w.text
    }
}

extension JSONWriter {
    var text: String { String(buffer: buffer) }

    /// `{"index":n}`.
    mutating func id(_ index: Int32) {
        raw(#"{"index":"#)
        integer(index)
        raw("}")
    }

    mutating func handle(_ h: ContactHandle) {
        raw(#"{"generation":"#)
        integer(h.generation)
        raw(#","slot":"#)
        integer(h.slot)
        raw("}")
    }

    /// `{"name":{"_0":handle}}`, the form of cases with a handle alone.
    mutating func handleCase(_ name: StaticString, _ h: ContactHandle) {
        raw("{\"")
        raw(name)
        raw(#"":{"_0":"#)
        handle(h)
        raw("}}")
    }

    /// `{"name":{"_0":agent}}`, the form of cases with an agent alone.
    mutating func agentCase(_ name: StaticString, _ a: AgentID) {
        raw("{\"")
        raw(name)
        raw(#"":{"_0":"#)
        id(a.index)
        raw("}}")
    }

    /// `{"agentNotReady":{"_0":agent,"reason":n}}`: the event and the action are written alike.
    mutating func agentNotReadyCase(_ a: AgentID, _ reason: Int32) {
        raw(#"{"agentNotReady":{"_0":"#)
        id(a.index)
        raw(#","reason":"#)
        integer(reason)
        raw("}}")
    }

    /// Writes `event`; false for the ones left to `JSONEncoder`.
    mutating func event(_ event: RoutingEvent) -> Bool {
        switch event {
        case .contactArrived(let q, let priority):
            raw(#"{"contactArrived":{"priority":"#)
            integer(priority)
            raw(#","queue":"#)
            id(q.index)
            raw("}}")
        case .contactAbandoned(let h): handleCase("contactAbandoned", h)
        case .callbackRequested(let h): handleCase("callbackRequested", h)
        case .announcementRequested(let h): handleCase("announcementRequested", h)
        case .offerAccepted(let h): handleCase("offerAccepted", h)
        case .offerRejected(let h): handleCase("offerRejected", h)
        case .contactFinished(let h, let wrapUp):
            raw(#"{"contactFinished":{"_0":"#)
            handle(h)
            if let wrapUp {
                raw(#","wrapUpMicroseconds":"#)
                integer(wrapUp)
            }
            raw("}}")
        case .wrapUpDone(let h): handleCase("wrapUpDone", h)
        case .agentLoggedIn(let a): agentCase("agentLoggedIn", a)
        case .agentLoggedOut(let a): agentCase("agentLoggedOut", a)
        case .agentLogOutWhenDone(let a): agentCase("agentLogOutWhenDone", a)
        case .agentReady(let a): agentCase("agentReady", a)
        case .agentNotReady(let a, let reason): agentNotReadyCase(a, reason)
        case .timePassed: raw(#"{"timePassed":{}}"#)
        case .agentSkillsChanged: return false
        }
        return true
    }

    /// `{"name":{"_0":handle,"_1":id}}`, the form of cases with a handle and an id.
    mutating func handleAndIDCase(_ name: StaticString, _ h: ContactHandle, _ index: Int32) {
        raw("{\"")
        raw(name)
        raw(#"":{"_0":"#)
        handle(h)
        raw(#","_1":"#)
        id(index)
        raw("}}")
    }

    mutating func action(_ action: RoutingAction) {
        switch action {
        case .assign(let h, let a): handleAndIDCase("assign", h, a.index)
        case .offer(let h, let a, let deadline):
            raw(#"{"offer":{"_0":"#)
            handle(h)
            raw(#","_1":"#)
            id(a.index)
            raw(#","deadline":"#)
            integer(deadline)
            raw("}}")
        case .offerTimedOut(let h, let a): handleAndIDCase("offerTimedOut", h, a.index)
        case .agentNotReady(let a, let reason): agentNotReadyCase(a, reason)
        case .agentLoggedOut(let a): agentCase("agentLoggedOut", a)
        case .announce(let h, let position, let wait):
            raw(#"{"announce":{"_0":"#)
            handle(h)
            raw(#","expectedWait":"#)
            integer(wait)
            raw(#","position":"#)
            integer(position)
            raw("}}")
        case .offerCallback(let h, let wait):
            raw(#"{"offerCallback":{"_0":"#)
            handle(h)
            raw(#","expectedWait":"#)
            integer(wait)
            raw("}}")
        case .moved(let h, let from, let to):
            raw(#"{"moved":{"_0":"#)
            handle(h)
            raw(#","from":"#)
            id(from.index)
            raw(#","to":"#)
            id(to.index)
            raw("}}")
        case .alsoQueued(let h, let q): handleAndIDCase("alsoQueued", h, q.index)
        case .released(let h, let a): handleAndIDCase("released", h, a.index)
        }
    }
}
