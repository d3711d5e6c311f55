import Simulation
import Stochastics

extension YAMLValue {
    /// The families a scenario may name under `dist`.
    static let distributionFamilies = ["exponential", "lognormal", "gamma", "weibull", "erlang",
                                       "uniform", "constant", "empirical", "mixture"]

    /// A distribution of durations in seconds:
    /// `{ dist: exponential, mean: 180s }`, `{ dist: lognormal, mean: 240s, cv: 0.8 }`,
    /// `{ dist: gamma, mean: .., cv: .. }` or `{ dist: gamma, shape: .., scale: .. }`,
    /// `{ dist: weibull, shape: .., scale: .. }`, `{ dist: erlang, k: 3, mean: .. }`,
    /// `{ dist: uniform, low: .., high: .. }`, `{ dist: constant, value: .. }`,
    /// `{ dist: empirical, values: [..] }`,
    /// `{ dist: mixture, components: [{ weight: 0.7, dist: .., ... }, ...] }`.
    public func distribution() throws -> Distribution {
        try distribution(extraKeys: [])
    }

    /// A distribution whose mean is at most `ScenarioLimits.longestDuration`
    /// (a Weibull of shape 0.01 has a mean of 10^160 scales).
    func distribution(extraKeys: [String]) throws -> Distribution {
        let d = try parsedDistribution(extraKeys: extraKeys)
        guard d.mean <= ScenarioLimits.longestDuration else {
            throw error("the distribution's mean, \(d.mean) s, is too long: at most 1e9 s (about 31 years)")
        }
        return d
    }

    private func parsedDistribution(extraKeys: [String]) throws -> Distribution {
        guard isMapping else { throw error("expected a distribution such as { dist: exponential, mean: 180s }") }
        let family = try mapping(allowed: ["dist"] + Self.distributionKeys + extraKeys).required("dist")
            .choice(Self.distributionFamilies)
        let keys: [String]
        switch family {
        case "exponential": keys = ["mean"]
        case "lognormal": keys = ["mean", "cv"]
        case "gamma": keys = ["mean", "cv", "shape", "scale"]
        case "weibull": keys = ["shape", "scale"]
        case "erlang": keys = ["k", "mean"]
        case "uniform": keys = ["low", "high"]
        case "constant": keys = ["value"]
        case "empirical": keys = ["values"]
        default: keys = ["components"]
        }
        let f = try mapping(allowed: ["dist"] + keys + extraKeys)
        do {
            switch family {
            case "exponential":
                return try .exponential(mean: f.required("mean").duration())
            case "lognormal":
                return try .lognormal(mean: f.required("mean").duration(), cv: f.required("cv").number())
            case "gamma":
                if (f.has("shape") || f.has("scale")) && (f.has("mean") || f.has("cv")) {
                    throw error("give either shape and scale, or mean and cv, not both")
                }
                if f.has("shape") || f.has("scale") {
                    return try .gamma(shape: f.required("shape").number(), scale: f.required("scale").duration())
                }
                return try .gamma(mean: f.required("mean").duration(), cv: f.required("cv").number())
            case "weibull":
                return try .weibull(shape: f.required("shape").number(), scale: f.required("scale").duration())
            case "erlang":
                return try .erlang(k: f.required("k").integer(), mean: f.required("mean").duration())
            case "uniform":
                return try .uniform(low: f.required("low").nonNegativeDuration(), high: f.required("high").nonNegativeDuration())
            case "constant":
                return try .constant(f.required("value").nonNegativeDuration())
            case "empirical":
                return try .empirical(f.required("values").list().map { try $0.nonNegativeDuration() })
            default:
                let parts = try f.required("components").list().map { part -> (weight: Double, distribution: Distribution) in
                    let weight = try part.mapping(allowed: ["weight", "dist"] + Self.distributionKeys).required("weight").number()
                    return (weight, try part.distribution(extraKeys: ["weight"]))
                }
                return try .mixture(parts)
            }
        } catch let problem as DistributionError {
            throw error("invalid \(family) distribution: \(problem)")
        }
    }

    /// A duration that must not be negative (every distribution here is of durations).
    func nonNegativeDuration() throws -> Double {
        let v = try duration()
        if v < 0 { throw error("must not be negative") }
        return v
    }

    static let distributionKeys = ["mean", "cv", "shape", "scale", "k", "low", "high", "value", "values", "components"]
}
