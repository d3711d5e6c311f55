import Foundation
import Reports

/// How much worse than its baseline a figure may get before it fails.
///
/// Defaults: service level 1 point (0.01), abandonment rate 0.5 points
/// (0.005), ASA the larger of 2 s and 10% of the baseline's mean ASA, EWT
/// error (RASE) the larger of 5 s and 10% of the baseline's.
/// Occupancy is informational and has no tolerance.
///
/// A scenario overrides them in `<baselines>/<scenario>/tolerances.json`,
/// beside its baseline, every key optional:
///
/// ```json
/// {
///   "service_level": 0.02,
///   "abandon_rate": 0.005,
///   "asa_seconds": 2,
///   "asa_relative": 0.1,
///   "ewt_rase_seconds": 5,
///   "ewt_rase_relative": 0.1,
///   "queues": { "billing": { "service_level": 0.03 } }
/// }
/// ```
///
/// `queues` overrides the scenario-wide values for single queues (use
/// `"(overall)"` for the all-queues row).
public struct Tolerances: Sendable, Equatable {
    public var serviceLevel: Double
    public var abandonRate: Double
    /// ASA tolerance: max(`asaSeconds`, `asaRelative` × baseline mean ASA).
    public var asaSeconds: Double
    public var asaRelative: Double
    /// EWT RASE tolerance: max(`ewtSeconds`, `ewtRelative` × baseline mean RASE).
    public var ewtSeconds: Double = 5
    public var ewtRelative: Double = 0.1
    /// Per queue (or `FigureValues.overall`) overrides.
    public var queues: [String: Tolerances]

    public static let defaults = Tolerances(serviceLevel: 0.01, abandonRate: 0.005, asaSeconds: 2, asaRelative: 0.1)

    public init(serviceLevel: Double, abandonRate: Double, asaSeconds: Double, asaRelative: Double,
                queues: [String: Tolerances] = [:]) {
        self.serviceLevel = serviceLevel
        self.abandonRate = abandonRate
        self.asaSeconds = asaSeconds
        self.asaRelative = asaRelative
        self.queues = queues
    }

    /// The tolerance of `figure` at `queue`, whose baseline mean is
    /// `baselineMean`, in the figure's unit (share or seconds); nil for
    /// informational figures.
    public func tolerance(for figure: CheckedFigure, queue: String, baselineMean: Double) -> Double? {
        let t = queues[queue] ?? self
        switch figure {
        case .serviceLevel: return t.serviceLevel
        case .abandonRate: return t.abandonRate
        case .asa: return max(t.asaSeconds, baselineMean.isFinite ? t.asaRelative * baselineMean : 0)
        case .ewtRase: return max(t.ewtSeconds, baselineMean.isFinite ? t.ewtRelative * baselineMean : 0)
        case .occupancy: return nil
        }
    }

    /// Reads a tolerances.json document for a scenario with `queues`; unknown
    /// or repeated keys, queues the scenario lacks (other than
    /// `FigureValues.overall`), negative or non-numeric values and share
    /// tolerances above 1 are errors.
    public static func parse(_ data: Data, file: String, queues: [String]) throws(CheckInputError) -> Tolerances {
        let root: JSONValue
        do { root = try JSONReader.parse([UInt8](data)) } catch {
            throw CheckInputError("\(file): not valid JSON (byte \(error.offset): \(error.message))")
        }
        guard root.objectKeys != nil else { throw CheckInputError("\(file): expected a JSON object") }
        if let path = root.repeatedKeyPath() { throw CheckInputError("\(file): \(path): repeated key") }
        return try read(root, over: .defaults, file: file, path: "", queues: queues)
    }

    /// The tolerances of object `o` over `base`; `queues` (nil inside a
    /// queue's entry, where `queues` is no key) are the names it may override.
    private static func read(_ o: JSONValue, over base: Tolerances, file: String, path: String,
                             queues known: [String]?) throws(CheckInputError) -> Tolerances {
        var t = base
        t.queues = [:]
        let keys = ["service_level", "abandon_rate", "asa_seconds", "asa_relative", "ewt_rase_seconds", "ewt_rase_relative"]
            + (known == nil ? [] : ["queues"])
        for key in o.objectKeys ?? [] where !keys.contains(key) {
            throw CheckInputError("\(file): \(path)\(key): unknown key (known: \(keys.joined(separator: ", ")))")
        }
        func number(_ key: String) throws(CheckInputError) -> Double? {
            guard let v = o[key] else { return nil }
            guard let x = v.doubleValue, x.isFinite, x >= 0 else {
                throw CheckInputError("\(file): \(path)\(key): expected a number ≥ 0")
            }
            return x
        }
        /// A tolerance in share points: 0.01 is 1 point, so 1 (100 points) is the most.
        func share(_ key: String) throws(CheckInputError) -> Double? {
            guard let x = try number(key) else { return nil }
            guard x <= 1 else {
                throw CheckInputError("\(file): \(path)\(key): expected a share in [0, 1] (0.01 is 1 point), got \(x)")
            }
            return x
        }
        if let v = try share("service_level") { t.serviceLevel = v }
        if let v = try share("abandon_rate") { t.abandonRate = v }
        if let v = try number("asa_seconds") { t.asaSeconds = v }
        if let v = try number("asa_relative") { t.asaRelative = v }
        if let v = try number("ewt_rase_seconds") { t.ewtSeconds = v }
        if let v = try number("ewt_rase_relative") { t.ewtRelative = v }
        if let queues = o["queues"] {
            guard let names = queues.objectKeys else { throw CheckInputError("\(file): queues: expected an object") }
            var parsed: [String: Tolerances] = [:]
            let allowed = (known ?? []) + [FigureValues.overall]
            for name in names {
                guard allowed.contains(name) else {
                    throw CheckInputError("\(file): queues.\(name): unknown queue; queues: \(allowed.joined(separator: ", "))")
                }
                guard let entry = queues[name], entry.objectKeys != nil else {
                    throw CheckInputError("\(file): queues.\(name): expected an object")
                }
                parsed[name] = try read(entry, over: t, file: file, path: "queues.\(name).", queues: nil)
            }
            t.queues = parsed
        }
        return t
    }
}

/// Bad input to `acd check` (exit code 2): an unreadable or inconsistent
/// baseline, scenario or tolerances file.
public struct CheckInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
