/// The IVR in front of queues that have one (`IVRStage`).
extension Replication {
    /// A caller arrived at `t` at queue `q`, which has an IVR: it draws what
    /// it would without one, then spends its IVR time there. Containment and
    /// time are drawn from the queue's IVR stream for every caller, so that
    /// another containment share meets the same callers. A contained caller
    /// counts in the interval in which it leaves the IVR (none after the end
    /// of the run); the others enter the queue then (`leaveIVR`).
    mutating func enterIVR(queue q: Int, containment: Double, at t: Double) {
        let caller = drawCaller(queue: q)
        let contained = ivrStream[q].uniform() < containment
        let leaves = micros(t + ScenarioLimits.capped(ivrTime.sample(q, ivrStream[q])!))
        if contained {
            let s = seconds(leaves)
            if s >= warmup && s < end { cells[queue: q, interval: grid.index(s)].ivrContained += 1 }
            return
        }
        let slot: Int32
        if let free = freeIVRSlots.popLast() {
            slot = free
            ivrCallers[Int(slot)] = caller
        } else {
            slot = Int32(ivrCallers.count)
            ivrCallers.append(caller)
        }
        calendar.schedule(.ivrEnd(slot: slot), at: leaves)
    }

    /// The caller in IVR slot `slot` leaves the IVR for its queue.
    mutating func leaveIVR(slot: Int32, at time: Int64) {
        freeIVRSlots.append(slot)
        enter(ivrCallers[Int(slot)], at: time)
    }
}
