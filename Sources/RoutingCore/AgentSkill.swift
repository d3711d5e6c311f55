/// A skill and proficiency of an agent, in dense ids.
public struct AgentSkill: Sendable, Equatable, Codable {
    public var skill: SkillID
    public var level: Int8
    public init(_ skill: SkillID, level: Int) {
        self.skill = skill
        self.level = Int8(level)
    }
}
