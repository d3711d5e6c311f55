import CGSL

/// One reproducible stream of random numbers, backed by a GSL generator
/// (`gsl_rng`), for one source of randomness in one replication.
///
/// Seeding: the stream of ``StreamKey`` `key` in replication `r` of an
/// experiment with master seed `m` is seeded with
/// `fold32(s)`, `s = SplitMix64(SplitMix64(SplitMix64(m) ^ r) ^ FNV1a64(key.canonicalName))`,
/// where `fold32` XORs the two 32-bit halves. All pieces are fixed functions,
/// so a (master seed, replication, key) triple names the same sequence in
/// every process and on every platform, and streams of different keys or
/// replications are unrelated. GSL's generators read only 32 bits of seed
/// (mt19937, taus2, gfsr4 all mask or LCG-expand a 32-bit value), so two
/// distinct triples share a sequence with probability 2⁻³²; among n streams
/// the chance that any two coincide is about n²/2³³ (≈ 0.3 % for 5,000
/// streams). Such a coincidence makes two sources perfectly correlated but
/// leaves every marginal distribution exact.
///
/// Generator: taus2 by default (L'Ecuyer's maximally equidistributed combined
/// Tausworthe, period ≈ 2⁸⁸, passes the standard test batteries). It is as
/// fast as gfsr4 and twice as fast as mt19937 per uniform, and its 24-byte
/// state makes a stream cheap to create and to keep by the thousand (gfsr4
/// holds 128 KB and takes a millisecond to seed; mt19937 5 KB and 6 µs).
/// Uniforms come straight from `gsl_rng_uniform_pos`. Batching them through
/// a C loop into a buffer owned by the stream was measured and was slower
/// (the loop makes the same per-draw library call, and the buffer adds a
/// store, a load and an index check). Inlining taus2's step (GSL's rng/taus.c
/// on the generator's own state, same sequence) was measured twice and not
/// kept: +22 and −10 instructions per simulated call (of 3,669); the step
/// itself is most of a draw's cost.
///
/// Measured on the build machine (x86-64, Swift 6.3 release build, 10⁷ draws
/// each, best of 3, calls across the module boundary as the simulator makes
/// them; ±10 % between quiet runs, up to +40 % while other builds run):
///
///     uniform() per generator     taus2 4.5 ns, gfsr4 4.2, mt19937 10.3,
///                                 ranlxd2 148
///     buffered uniforms (256)     5.9 ns vs 4.4 direct in one run (×1.34
///                                 slower); C-loop fill alone 4.7 vs 4.6
///     stream creation             taus2 0.15–0.3 µs, mt19937 5.9 µs,
///                                 ranlxd2 8.3 µs, gfsr4 1.1 ms
///     next() (64 bits)            9.0 ns
///     Distribution.sample:
///       constant 2.0, uniform 6.8, empirical 7.0, exponential 12.0,
///       lognormal 12.0 (ziggurat; gsl_ran_lognormal 31), gamma k = 2.5 17.3,
///       gamma k = 0.5 32.8, Erlang any k 16.4–17.5 (product of k uniforms:
///       k = 1 9.9, k = 2 13.8, k = 3 19.0), Weibull 26.7 (pow: 28.7),
///       mixture of 3 exponentials 28.5 (branchy search: 36)
///
/// Not `Sendable`: a stream is mutable state owned by one task. Give every
/// task (replication) its own streams.
public final class RandomStream: RandomNumberGenerator {
    /// The GSL generator; owned, freed on deinit.
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// The 32-bit seed handed to `gsl_rng_set` (for logs and reproduction).
    public let gslSeed: UInt32

    /// The stream of `key` in replication `replication` of the experiment
    /// seeded with `masterSeed`, using `generator` (taus2 unless you are
    /// comparing generators).
    public init(
        masterSeed: UInt64, replication: Int, key: StreamKey,
        generator: Generator = .taus2
    ) {
        _ = gslErrorHandlerOff
        gslSeed = SeedMixer.fold32(
            SeedMixer.seed(masterSeed: masterSeed, replication: replication, key: key))
        guard let rng = gsl_rng_alloc(generator.gslType) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        gsl_rng_set(rng, UInt(gslSeed))
        self.rng = rng
    }

    deinit {
        gsl_rng_free(rng)
    }

    /// A uniform deviate in the open interval (0, 1) — a multiple of 2⁻³² for
    /// taus2, mt19937 and gfsr4. Never returns 0 or 1, so `log(u)` is finite.
    @inlinable public func uniform() -> Double {
        gsl_rng_uniform_pos(rng)
    }

    /// 64 random bits from two raw 32-bit outputs of the GSL generator, for
    /// Swift's `RandomNumberGenerator` APIs (`Int.random(in:using:)`,
    /// `shuffle(using:)`, routing policies taking
    /// `inout some RandomNumberGenerator`).
    public func next() -> UInt64 {
        let high = UInt64(gsl_rng_get(rng))
        let low = UInt64(gsl_rng_get(rng))
        return high << 32 | low
    }
}

/// A non-owning view of a ``RandomStream`` for inner loops: it draws from the
/// same generator, in the same sequence, without reference counting. Valid
/// only while the stream it came from is alive: keep the stream. Not
/// `Sendable`, like the stream.
public struct StreamView {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    @inlinable init(rng: UnsafeMutablePointer<gsl_rng>) { self.rng = rng }

    /// The stream's next uniform deviate in (0, 1), as ``RandomStream/uniform()``.
    @inlinable public func uniform() -> Double {
        gsl_rng_uniform_pos(rng)
    }
}

extension RandomStream {
    /// A view of this stream that draws without reference counting; the
    /// caller keeps the stream alive while it uses the view.
    @inlinable public var view: StreamView { StreamView(rng: rng) }
}
