import RoutingCore

/// Judging announcements against realised waits (see `QueueWaitAccuracy`).
extension Replication {
    /// Keeps every method's estimate for a post-warm-up contact just told
    /// the wait `announced`. While the contact is in its own queue, whose
    /// table this is, that queue's method is judged on what the caller heard
    /// (a percentile when the queue announces one); every other estimate on
    /// its mean.
    mutating func recordAnnouncement(_ h: ContactHandle, announced: Int64) {
        let slot = Int(h.slot)
        guard contacts[slot].counted, let e = core.waitEstimates(of: h, at: nowMicros) else { return }
        let q = Int(contacts[slot].queue), own = model.routing.queues[q].waitEstimator
        // Only a percentile, or another queue's announcement, differs from the mean.
        let heard = announced != e[own] && core.facts(of: h).map { Int($0.queue.index) } == q ? own : nil
        func seconds(_ k: Int) -> Double {
            let method = WaitEstimator.allCases[k]
            let us = method == heard ? announced : e[method]
            return us == .max ? .nan : Double(us) * 1e-6
        }
        let entry = PendingAnnouncement(time: now, estimates: (seconds(0), seconds(1), seconds(2), seconds(3)),
                                        next: contacts[slot].firstAnnouncement)
        let index: Int32
        if freeAnnouncement >= 0 {
            index = freeAnnouncement
            freeAnnouncement = announcements[Int(index)].next
            announcements[Int(index)] = entry
        } else {
            index = Int32(announcements.count)
            announcements.append(entry)
        }
        contacts[slot].firstAnnouncement = index
        counters.waitAccuracy[Int(contacts[slot].queue)].announcements += 1
    }

    /// A contact of queue q reached an agent at `t`: its announcements are
    /// judged against its wait, and so are those of earlier arrivals of the
    /// same queue who abandoned (their potential wait ends now).
    mutating func judgeAnnouncements(of record: ContactRecord, servedAt t: Double) {
        let q = Int(record.queue)
        judge(list: record.firstAnnouncement, queue: q, servedAt: t, served: true)
        var resolved = 0
        while resolved < abandoners[q].count && abandoners[q][resolved].arrival < record.arrival {
            judge(list: abandoners[q][resolved].firstAnnouncement, queue: q, servedAt: t, served: false)
            resolved += 1
        }
        if resolved > 0 {
            abandoners[q].removeFirst(resolved)
            pendingAbandoners -= resolved
        }
    }

    mutating func judge(list head: Int32, queue q: Int, servedAt t: Double, served: Bool) {
        var k = head
        while k >= 0 {
            let a = announcements[Int(k)]
            let realised = t - a.time
            for m in 0..<WaitEstimator.allCases.count {
                let estimate = a[m]
                guard !estimate.isNaN else {
                    counters.waitAccuracy[q].noEstimate[m] += 1
                    continue
                }
                counters.waitAccuracy[q].potential[m].add(announced: estimate, realised: realised)
                if served { counters.waitAccuracy[q].servedOnly[m].add(announced: estimate, realised: realised) }
            }
            if !served { counters.waitAccuracy[q].resolvedAbandoners += 1 }
            let next = a.next
            announcements[Int(k)].next = freeAnnouncement
            freeAnnouncement = k
            k = next
        }
    }

    /// Notes an agent that the actions being applied may leave idle.
    @inline(__always) mutating func noteIdleCandidate(_ a: Int) {
        if idleCandidateCount < idleCandidates.count {
            idleCandidates[idleCandidateCount] = Int32(a)
        } else {
            idleCandidates.append(Int32(a))
        }
        idleCandidateCount += 1
    }

    /// Agents left idle by the actions just applied would have served the
    /// pending abandoners they qualify for (ORACLES.md: an abandoner's
    /// potential wait ends at the first service start of a later arrival, or
    /// when an agent is left idle): their potential waits end now.
    mutating func resolveAbandonersAtIdleAgents() {
        let candidates = idleCandidateCount
        idleCandidateCount = 0
        for i in 0 ..< candidates {
            let a = Int(idleCandidates[i])
            guard loggedIn[a], !leaving[a], tallies[a].contacts == 0 else { continue }
            for q in abandoners.indices where !abandoners[q].isEmpty {
                let latest = now - qualifyingWait[a * abandoners.count + q]
                var resolved = 0
                while resolved < abandoners[q].count && abandoners[q][resolved].arrival <= latest {
                    judge(list: abandoners[q][resolved].firstAnnouncement, queue: q, servedAt: now, served: false)
                    resolved += 1
                }
                if resolved > 0 {
                    abandoners[q].removeFirst(resolved)
                    pendingAbandoners -= resolved
                }
            }
        }
    }

    /// Files an abandoner by arrival time until a later arrival is served.
    mutating func keepForResolution(queue q: Int, _ record: ContactRecord) {
        var index = abandoners[q].count
        while index > 0 && abandoners[q][index - 1].arrival > record.arrival { index -= 1 }
        pendingAbandoners += 1
        abandoners[q].insert(PendingAbandoner(arrival: record.arrival, firstAnnouncement: record.firstAnnouncement),
                             at: index)
    }
}
