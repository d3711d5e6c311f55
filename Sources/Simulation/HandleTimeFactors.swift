/// Talk-time factors by proficiency (weaker skill, longer calls): a contact's
/// talk time, drawn at arrival, is multiplied at connect by the factor of the
/// level the serving agent holds in the skill named like the contact's queue.
public struct HandleTimeFactors: Sendable, Equatable {
    /// The factor of each level 1...10 (index level − 1).
    public let byLevel: [Double]

    /// Factors for some levels (1...10, each finite and > 0, at least one).
    /// A level not listed takes the factor of the nearest listed level below
    /// it; a level below every listed one, the lowest listed level's.
    public init(listed: [Int: Double]) {
        precondition(!listed.isEmpty && listed.allSatisfy { (1...10).contains($0.key) && $0.value > 0 && $0.value.isFinite })
        var current = listed[listed.keys.min()!]!
        byLevel = (1...10).map { level in
            if let factor = listed[level] { current = factor }
            return current
        }
    }

    /// The factor of an agent holding `level` in the queue's skill; an agent
    /// without that skill (nil) counts as level 1.
    public func factor(level: Int?) -> Double { byLevel[(level ?? 1) - 1] }
}
