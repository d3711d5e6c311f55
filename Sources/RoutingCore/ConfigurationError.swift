/// A configuration problem, with the path of the offending field
/// (for example `queues[2].expansion[0].afterSeconds`).
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable {
        case unknownSkill(String)
        case unknownQueue(String)
        case unknownGroup(String)
        case unknownProfile(String)
        case duplicateID(String)
        case negativeAfter(Double)
        case stepsNotIncreasing
        case emptyRequirement
        case capacityBelowOne(Int)
        case levelOutOfRange(Int)
        case invalidValue(String)
    }

    public var path: String
    public var problem: Problem

    public init(_ path: String, _ problem: Problem) {
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch problem {
        case .unknownSkill(let s): "\(path): unknown skill '\(s)'"
        case .unknownQueue(let q): "\(path): unknown queue '\(q)'"
        case .unknownGroup(let g): "\(path): unknown group '\(g)'"
        case .unknownProfile(let p): "\(path): unknown routing profile '\(p)'"
        case .duplicateID(let id): "\(path): duplicate id '\(id)'"
        case .negativeAfter(let v): "\(path): must not be negative (got \(v))"
        case .stepsNotIncreasing: "\(path): expansion steps must have strictly increasing afterSeconds"
        case .emptyRequirement: "\(path): requirement is empty (no allOf, anyOf or groups)"
        case .capacityBelowOne(let v): "\(path): channel capacity must be at least 1 (got \(v))"
        case .levelOutOfRange(let v): "\(path): level must be in 1...10 (got \(v))"
        case .invalidValue(let why): "\(path): \(why)"
        }
    }
}
