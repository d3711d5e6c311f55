import RoutingCore
import Stochastics

/// Who works when in one replication, after absence (`shrinkage`): the
/// headcount groups' agents on duty per interval, and the times the shift
/// groups' agents go on and off duty.
struct Roster {
    /// Per group, agents on duty per interval (repeating as the model's
    /// headcount does); empty for a group staffed by shifts.
    var headcounts: [[Int]]
    /// Shift agents going on or off duty before the end of the run, by time
    /// and then agent.
    var changes: [ShiftChange]

    /// Each agent of a group with shrinkage is absent for the whole
    /// replication with that probability, drawn from the group's own stream
    /// (groups without shrinkage draw nothing). With a headcount, agent `k`
    /// works the intervals whose headcount exceeds `k`.
    init(model: SimulationModel, replication: Int) {
        headcounts = []
        changes = []
        for (g, group) in model.groups.enumerated() {
            let stream = group.shrinkage > 0
                ? RandomStream(masterSeed: model.seed, replication: replication, key: StreamKey(.absence, index: g))
                : nil
            func present() -> Bool { stream.map { $0.uniform() >= group.shrinkage } ?? true }
            guard !group.shifts.isEmpty else {
                guard stream != nil else {
                    headcounts.append(group.headcount)
                    continue
                }
                // presentAmongFirst[h]: agents present among the first h.
                var presentAmongFirst = [0]
                for _ in 0..<group.maxHeadcount { presentAmongFirst.append(presentAmongFirst.last! + (present() ? 1 : 0)) }
                headcounts.append(group.headcount.map { presentAmongFirst[$0] })
                continue
            }
            headcounts.append([])
            var agent = Int32(group.agents.lowerBound)
            for shift in group.shifts {
                let spans = Self.dutySpans(of: shift, before: wholeMicroseconds(model.durationSeconds))
                for _ in 0..<shift.count {
                    if present() {
                        for (on, off) in spans {
                            changes.append(ShiftChange(time: on, agent: agent, onDuty: true))
                            if let off { changes.append(ShiftChange(time: off, agent: agent, onDuty: false)) }
                        }
                    }
                    agent += 1
                }
            }
        }
        changes.sort { ($0.time, $0.agent) < ($1.time, $1.agent) }
    }

    /// The shift's times on duty in whole microseconds, as the calendar keeps
    /// time: those starting before `end`, spans less than a microsecond apart
    /// merged (so an agent never goes on and off duty at once), and without
    /// the log-outs at or after `end` (agents then stay to play out the run).
    static func dutySpans(of shift: Shift, before end: Int64) -> [(on: Int64, off: Int64?)] {
        var spans: [(on: Int64, off: Int64)] = []
        for span in shift.dutySpans {
            let on = wholeMicroseconds(span.lowerBound), off = wholeMicroseconds(span.upperBound)
            guard on < off, on < end else { continue }
            if let last = spans.last, last.off >= on { spans[spans.count - 1].off = off } else { spans.append((on, off)) }
        }
        return spans.map { ($0.on, $0.off < end ? $0.off : nil) }
    }
}

/// A shift agent going on duty (logging in, or back from a break) or off
/// duty (logging out once done) at `time`, microseconds.
struct ShiftChange {
    var time: Int64
    var agent: Int32
    var onDuty: Bool
}

extension Replication {
    /// Applies the shift changes due at `time`, from `shiftChanges[k]` on, and
    /// schedules the next. An agent going off duty finishes its contacts
    /// first; one back from a break while still finishing a contact simply
    /// stays on duty.
    mutating func changeShifts(from k: Int, at time: Int64) {
        let t = seconds(time)
        actions.removeAll()
        var k = k
        while k < shiftChanges.count && shiftChanges[k].time == time {
            let a = Int(shiftChanges[k].agent)
            if shiftChanges[k].onDuty {
                if loggedIn[a] {  // still finishing a contact from before its break
                    leaving[a] = false
                    _ = route(.agentReady(AgentID(a)), at: time)
                } else {
                    _ = route(.agentLoggedIn(AgentID(a)), at: time)
                    loggedIn[a] = true
                    noteIdleCandidate(a)
                    staffedSince[a] = t
                }
            } else {
                leaving[a] = true
                _ = route(.agentLogOutWhenDone(AgentID(a)), at: time)
            }
            k += 1
        }
        applyActions()
        if k < shiftChanges.count { calendar.schedule(.shiftChange(Int32(k)), at: shiftChanges[k].time) }
    }
}
