/// Which agents may take a contact. An agent qualifies when it is a member of
/// one of `groups`, or when it meets every entry of `allOf` and (if `anyOf`
/// is not empty) at least one entry of `anyOf`. At least one of the three
/// lists must be non-empty.
public struct SkillRequirement: Codable, Sendable, Equatable {
    public var allOf: [SkillLevel]
    public var anyOf: [SkillLevel]
    public var groups: [String]

    public init(allOf: [SkillLevel] = [], anyOf: [SkillLevel] = [], groups: [String] = []) {
        self.allOf = allOf
        self.anyOf = anyOf
        self.groups = groups
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        allOf = try c.decodeIfPresent([SkillLevel].self, forKey: .allOf) ?? []
        anyOf = try c.decodeIfPresent([SkillLevel].self, forKey: .anyOf) ?? []
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
    }
}

/// A skill with a level: on an agent, its proficiency; in a requirement, the
/// minimum level. Levels run from 1 (lowest) to 10.
public struct SkillLevel: Codable, Sendable, Equatable {
    public var skill: String
    public var level: Int
    public init(_ skill: String, _ level: Int) {
        self.skill = skill
        self.level = level
    }
}

/// A skill-expansion step: once a contact has waited `afterSeconds` (from
/// its original arrival), `requirement` replaces the queue's requirement.
/// Steps are listed with strictly increasing `afterSeconds`; normally each
/// relaxes the previous one.
public struct ExpansionStep: Codable, Sendable, Equatable {
    public var afterSeconds: Double
    public var requirement: SkillRequirement
    public init(afterSeconds: Double, requirement: SkillRequirement) {
        self.afterSeconds = afterSeconds
        self.requirement = requirement
    }
}
