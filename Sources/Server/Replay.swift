import Foundation
import RoutingCore

/// `acd replay`: the server's journal run again through a fresh core.
///
/// The history is the archive's records (moved there by compaction) and the
/// journal's own. When it is whole (it starts with the first configuration
/// record and has no gap), replay starts there; otherwise (the archive was
/// removed) verification starts from the journal's latest snapshot and
/// covers the records since, and what-if replay is refused.
public enum Replay {
    /// Where a replay starts and the records it runs through.
    struct Origin {
        var state: EngineState
        var entries: [Journal.Entry]
        var decisions: [Int64: [RoutingAction]]
        /// The snapshot replay started from, when the history is not whole.
        var snapshot: Int64?
    }

    static func origin(_ journal: Journal, wholeHistory: Bool = false) throws -> Origin {
        let (entries, decisions) = try journal.history()
        let contiguous = zip(entries, entries.dropFirst()).allSatisfy { $1.seq == $0.seq + 1 }
        if let first = entries.first, first.seq == 1, let config = first.record.config, contiguous {
            let state = try EngineState(config: config, seed: first.record.seed ?? 2026,
                                        offerTimeoutSeconds: first.record.offerTimeoutSeconds)
            return Origin(state: state, entries: entries, decisions: decisions, snapshot: nil)
        }
        guard let (seq, data) = try journal.latestSnapshot() else {
            throw ReplayError("the journal is empty or does not start with a configuration record")
        }
        guard !wholeHistory else {
            throw ReplayError("the records before the snapshot after record \(seq) are not in \(journal.archivePath): this replay needs the whole history")
        }
        let state = try EngineState(snapshot: JSONDecoder().decode(EngineState.Snapshot.self, from: data))
        return Origin(state: state, entries: entries.filter { $0.seq > seq }, decisions: decisions, snapshot: seq)
    }

    /// Same configuration: are the decisions the ones the server recorded?
    public struct Verification: Sendable {
        /// Records replayed (configuration records included).
        public var records: Int
        /// The snapshot (after this record) replay started from, when the
        /// archive no longer holds the records before it.
        public var fromSnapshot: Int64?
        /// Events whose recorded decisions were compared (journals written
        /// before decisions shared their event's transaction may lack the
        /// last event's).
        public var comparedEvents: Int
        /// Digest of the recorded assignments and offers, and of the replayed ones for the same events.
        public var recorded = DecisionDigest()
        public var replayed = DecisionDigest()
        /// Sequence numbers whose replayed actions differ from the recorded ones.
        public var mismatches: [Int64] = []
        public var totals: [String: QueueDay] = [:]
        public var equal: Bool { mismatches.isEmpty && recorded == replayed }
    }

    public static func verify(_ journal: Journal) throws -> Verification {
        let origin = try origin(journal)
        var state = origin.state
        let recorded = origin.decisions
        var v = Verification(records: origin.entries.count, fromSnapshot: origin.snapshot, comparedEvents: 0)
        var entries = origin.entries[...]
        if origin.snapshot == nil, let first = entries.popFirst(), let actions = recorded[first.seq] {
            v.recorded.add(actions)
            v.comparedEvents += 1
        }
        for entry in entries {
            let applied = try state.apply(entry.record, at: entry.at)
            guard let actions = recorded[entry.seq] else { continue }
            v.comparedEvents += 1
            v.recorded.add(actions)
            v.replayed.add(applied.actions)
            if actions != applied.actions { v.mismatches.append(entry.seq) }
        }
        v.totals = state.totals
        return v
    }

    /// Alternative configuration: the same arrivals and agent events, mapped
    /// by queue and agent names and by the server's contact ids.
    public struct WhatIf: Sendable {
        public var baseline: [String: QueueDay]
        public var alternative: [String: QueueDay]
        /// Events that did not apply under the alternative (unknown queue or
        /// agent, contact no longer in that state, skill changes).
        public var skipped = 0
        public var rejected = 0
    }

    public static func whatIf(_ journal: Journal, alternative yaml: String) throws -> WhatIf {
        let origin = try origin(journal, wholeHistory: true)
        let entries = origin.entries
        let first = entries[0]
        let seed = first.record.seed ?? 2026
        let timeout = first.record.offerTimeoutSeconds
        var base = origin.state
        var alt = try EngineState(config: yaml, seed: seed, offerTimeoutSeconds: timeout)
        var skipped = 0, rejected = 0
        for entry in entries.dropFirst() {
            guard let event = entry.record.event else {
                _ = try base.apply(entry.record, at: entry.at)
                continue
            }
            var record = JournalRecord(event: nil, contact: entry.record.contact, attributes: entry.record.attributes)
            func agent(_ a: AgentID) -> AgentID? { alt.core.agentID(named: base.agentName(a)) }
            let contactID = entry.record.contact
            func contact() -> ContactHandle? { contactID.flatMap { alt.contacts[$0] }.map(\.handle) }
            switch event {
            case .contactArrived(let q, let p):
                record.event = alt.core.queueID(named: base.queueName(q)).map { .contactArrived(queue: $0, priority: p) }
            case .contactAbandoned: record.event = contact().map { .contactAbandoned($0) }
            case .callbackRequested: record.event = contact().map { .callbackRequested($0) }
            case .announcementRequested: record.event = contact().map { .announcementRequested($0) }
            case .offerAccepted: record.event = contact().map { .offerAccepted($0) }
            case .offerRejected: record.event = contact().map { .offerRejected($0) }
            case .contactFinished(_, let w): record.event = contact().map { .contactFinished($0, wrapUpMicroseconds: w) }
            case .wrapUpDone: record.event = contact().map { .wrapUpDone($0) }
            case .agentLoggedIn(let a): record.event = agent(a).map { .agentLoggedIn($0) }
            case .agentLoggedOut(let a): record.event = agent(a).map { .agentLoggedOut($0) }
            case .agentLogOutWhenDone(let a): record.event = agent(a).map { .agentLogOutWhenDone($0) }
            case .agentReady(let a): record.event = agent(a).map { .agentReady($0) }
            case .agentNotReady(let a, let r): record.event = agent(a).map { .agentNotReady($0, reason: r) }
            case .agentSkillsChanged: record.event = nil
            case .timePassed: record.event = .timePassed
            }
            _ = try base.apply(entry.record, at: entry.at)
            guard record.event != nil else { skipped += 1; continue }
            if case .rejected = try alt.apply(record, at: entry.at).outcome { rejected += 1 }
        }
        return WhatIf(baseline: base.totals, alternative: alt.totals, skipped: skipped, rejected: rejected)
    }
}

public struct ReplayError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
