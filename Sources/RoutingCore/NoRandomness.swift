/// A generator for configurations that need no randomness; drawing from it
/// is a programmer error.
struct NoRandomness: RandomNumberGenerator {
    mutating func next() -> UInt64 {
        preconditionFailure("weightedRandom agent selection needs a generator: use handle(_:at:random:into:)")
    }
}
