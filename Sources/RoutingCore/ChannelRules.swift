/// How many contacts of each channel an agent may hold, and which channels
/// exclude all others.
public struct ChannelRules: Codable, Sendable, Equatable {
    /// Default capacity of every agent (key `channels.capacity`).
    public var capacity: ChannelCapacity
    /// Channels whose contacts exclude every other contact: an agent holding
    /// one takes nothing else, and an agent holding anything is not offered
    /// one. Default: voice and callback.
    public var exclusive: [Channel]

    public init(capacity: ChannelCapacity = .init(), exclusive: [Channel] = [.voice, .callback]) {
        self.capacity = capacity
        self.exclusive = exclusive
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        capacity = try c.decodeIfPresent(ChannelCapacity.self, forKey: .capacity) ?? .init()
        exclusive = try c.decodeIfPresent([Channel].self, forKey: .exclusive) ?? [.voice, .callback]
    }
}

/// Contacts per agent and channel, used as the default for every agent and as
/// a per-agent override. Each value is 1 to `mostPerChannel`.
public struct ChannelCapacity: Codable, Sendable, Equatable {
    /// The largest capacity of one channel: far beyond any agent, and small
    /// enough for the core's 32-bit counts of an agent's contacts.
    public static let mostPerChannel = 1_000

    public var voice: Int
    public var chat: Int
    public var email: Int
    public var callback: Int

    /// Default: one voice call, three chats, one e-mail, one callback.
    public init(voice: Int = 1, chat: Int = 3, email: Int = 1, callback: Int = 1) {
        self.voice = voice
        self.chat = chat
        self.email = email
        self.callback = callback
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        voice = try c.decodeIfPresent(Int.self, forKey: .voice) ?? 1
        chat = try c.decodeIfPresent(Int.self, forKey: .chat) ?? 3
        email = try c.decodeIfPresent(Int.self, forKey: .email) ?? 1
        callback = try c.decodeIfPresent(Int.self, forKey: .callback) ?? 1
    }

    /// Capacity of one channel.
    public subscript(channel: Channel) -> Int {
        switch channel {
        case .voice: voice
        case .chat: chat
        case .email: email
        case .callback: callback
        }
    }
}
