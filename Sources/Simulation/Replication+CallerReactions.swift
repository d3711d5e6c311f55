import RoutingCore

/// How simulated callers react to announcements and callback offers.
extension Replication {
    /// A caller hears its expected wait: it balks if that exceeds its
    /// tolerance (returns true), or its patience may be reset.
    mutating func react(to h: ContactHandle, announced: Int64) -> Bool {
        let slot = Int(h.slot)
        guard contacts[slot].waiting, !contacts[slot].onCallback else { return false }
        let wait = announced == .max ? Double.infinity : Double(announced) * 1e-6
        if wait > contacts[slot].tolerance { return true }
        if let factor = reactions[Int(contacts[slot].queue)].patienceRelativeToAnnouncement, wait.isFinite {
            setPatience(slot, at: micros(now + ScenarioLimits.capped(factor * wait)))
        }
        return false
    }

    /// A caller offered a callback takes it or not (decided at arrival).
    mutating func acceptCallback(_ h: ContactHandle) -> Bool {
        let slot = Int(h.slot)
        guard contacts[slot].waiting, contacts[slot].acceptsCallback, !contacts[slot].onCallback else { return false }
        contacts[slot].onCallback = true
        cancelPatience(slot)
        if contacts[slot].counted {
            cells[queue: Int(contacts[slot].queue), interval: Int(contacts[slot].interval)].callbacksAccepted += 1
        }
        return true
    }
}
