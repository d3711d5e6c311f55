import Foundation
import Simulation

/// Whether the loader reads the CSV files that `arrivals.profile` names.
public enum ProfileReading: Sendable {
    /// Read them; a relative path starts at the scenario file's directory.
    case fromDisk
    /// Do not open them: such queues get no rates (`ratesPerSecond` empty).
    /// For readers of the routing sections only, such as `acd serve`, whose
    /// configuration may come over the network and must load anywhere (a
    /// journal replays without the files).
    case skip
}

extension QueueReader {
    static let arrivalKeys = ["rate_per_hour", "profile", "interval", "volume_cv", "surges"]

    struct Arrivals {
        var rates: [Double]
        var interval: Double
        var volumeCV: Double
        var surges: [Surge]
    }

    /// `{ rate_per_hour: [..] or profile: file.csv, interval, volume_cv, surges }`.
    func readArrivals(_ node: YAMLValue, queue: String) throws -> Arrivals {
        let f = try node.mapping(allowed: Self.arrivalKeys)
        var perSecond: [Double]
        var interval: Double
        /// The highest rate, contacts per hour, for the surges' limit.
        var highest = 0.0
        switch (f["rate_per_hour"], f["profile"]) {
        case (let rateNode?, nil):
            let perHour: [Double] = rateNode.isList ? try rateNode.list().map { try $0.number() } : [try rateNode.number()]
            if perHour.isEmpty { throw rateNode.error("give at least one rate") }
            for (k, r) in perHour.enumerated() where !(0...ScenarioLimits.highestRatePerHour).contains(r) {
                throw (rateNode.isList ? try rateNode.list()[k] : rateNode).error(
                    r < 0 ? "rates must not be negative" : "at most 1e7 contacts per hour")
            }
            if perHour.allSatisfy({ $0 == 0 }) { throw rateNode.error("at least one rate must be positive") }
            perSecond = perHour.map { $0 / 3600 }
            highest = perHour.max()!
            interval = try positive(f["interval"]) ?? context.intervalSeconds
            try context.checkCoversTheRun(rateNode, count: perHour.count, step: interval, what: "rates")
        case (nil, let profileNode?):
            let path = try profilePath(profileNode)
            interval = try positive(f["interval"]) ?? context.intervalSeconds
            perSecond = []
            if context.profiles == .fromDisk {
                let profile = try readProfile(path, node: profileNode, queue: queue, singleRowInterval: interval)
                if let step = profile.intervalSeconds, step != interval {
                    if let given = f["interval"] {
                        throw given.error("the rows of \(path) are \(ArrivalProfileCSV.durationText(step)) apart; "
                                          + "give that or leave 'interval' out")
                    }
                    interval = step
                }
                perSecond = profile.ratesPerSecond
                highest = (perSecond.max() ?? 0) * 3600
                try context.checkCoversTheRun(profileNode, count: perSecond.count, step: interval, what: "rows of \(path)")
            }
        case (_?, _?):
            throw node.error("give either 'rate_per_hour' or 'profile', not both")
        case (nil, nil):
            throw node.error("missing required key 'rate_per_hour' (or 'profile', a CSV file)")
        }
        let cv = try f["volume_cv"]?.number() ?? 0
        if let v = f["volume_cv"], !(0...1).contains(cv) { throw v.error("must be from 0 to 1") }
        var surges: [Surge] = []
        for s in try f["surges"]?.list() ?? [] {
            let sf = try s.mapping(allowed: ["from", "to", "factor"])
            let from = try sf.required("from").duration(), to = try sf.required("to").duration()
            if from < 0 { throw try sf.required("from").error("must not be negative") }
            if from >= context.durationSeconds {
                throw try sf.required("from").error("must be before the end of the run (duration \(context.durationSeconds) s)")
            }
            if to <= from { throw try sf.required("to").error("must be after 'from'") }
            let factor = try sf.required("factor").number()
            if factor < 0 { throw try sf.required("factor").error("must not be negative") }
            let surge = Surge(start: from, end: to, factor: factor)
            // Overlapping surges multiply: the highest rate is at the start
            // of one of them, with every surge then running.
            let combined = (surges + [surge]).map { s in
                surges.reduce(surge.runs(at: s.start) ? surge.factor : 1) { $1.runs(at: s.start) ? $0 * $1.factor : $0 }
            }.max()!
            if combined * highest > ScenarioLimits.highestRatePerHour {
                let with = combined == factor ? "" : " with the surges it overlaps"
                throw try sf.required("factor").error("gives \(combined * highest) contacts per hour\(with): at most 1e7")
            }
            surges.append(surge)
        }
        return Arrivals(rates: perSecond, interval: interval, volumeCV: cv, surges: surges)
    }

    /// The profile of `queue` in the CSV file at `path` (named by `node`).
    func readProfile(_ path: String, node: YAMLValue, queue: String, singleRowInterval: Double) throws -> ArrivalProfile {
        let text: String
        do {
            text = try TextFile.read(path)
        } catch {
            if let line = error.line {
                throw ScenarioError(file: path, line: line, column: error.column ?? 1, path: "", message: error.reason)
            }
            throw node.error("cannot read the arrival profile \(path): \(error)")
        }
        let key = Self.fileKey(path)
        return try ArrivalProfileCSV.profile(text, file: path, queue: queue,
                                             sharing: context.profileFiles.filter { $0.value == key }.map(\.key).sorted(),
                                             singleRowInterval: singleRowInterval)
    }

    /// The path `node` gives: absolute as written, or relative to the
    /// scenario file's directory.
    func profilePath(_ node: YAMLValue) throws -> String {
        let name = try node.string()
        if name.isEmpty { throw node.error("must not be empty") }
        return Self.resolve(name, beside: context.file)
    }

    static func resolve(_ name: String, beside scenarioFile: String) -> String {
        guard !name.hasPrefix("/"), let slash = scenarioFile.lastIndex(of: "/") else { return name }
        return String(scenarioFile[...slash]) + name
    }

    /// One spelling of a path (`./a.csv` and `a.csv` are the same file).
    static func fileKey(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The profile file of each queue that names one in `queueNodes`, by
    /// queue name (as `fileKey`); a queue whose entry does not read cleanly
    /// is left out (its reader reports the problem).
    static func profileFiles(_ queueNodes: [YAMLValue], scenarioFile: String) -> [String: String] {
        var files: [String: String] = [:]
        for node in queueNodes {
            guard let f = try? node.mapping(allowed: keys), let name = try? f["name"]?.string(),
                  let arrivals = try? f["arrivals"]?.mapping(allowed: arrivalKeys),
                  let profile = try? arrivals["profile"]?.string(), !profile.isEmpty else { continue }
            files[name] = fileKey(resolve(profile, beside: scenarioFile))
        }
        return files
    }
}
