/// Durations written as text: numbers with units, from days down to
/// milliseconds.
enum DurationText {
    /// The units, longest first.
    static let units: [(name: Substring, seconds: Double)] = [
        ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1), ("ms", 0.001),
    ]

    /// The seconds of `text` written as parts `<number><unit>` with units
    /// from days down to milliseconds, each at most once and in that order
    /// (`16h30m`, `1.5h`, `1m30s`, `250ms`); nil otherwise. A minus sign may
    /// lead (for the error that the duration must not be negative) unless
    /// `wholeNumbers`, which allows digits only and units down to seconds.
    static func seconds(_ text: Substring, wholeNumbers: Bool = false) -> Double? {
        var total = 0.0, rest = text[...], nextUnit = 0, negative = false
        let units = wholeNumbers ? Self.units.dropLast() : Self.units[...]
        if !wholeNumbers, rest.first == "-" {
            negative = true
            rest = rest.dropFirst()
        }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || (!wholeNumbers && $0 == ".")) }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), let u = units[nextUnit...].firstIndex(where: { $0.name == unit }) else {
                return nil
            }
            total += value * units[u].seconds
            nextUnit = u + 1
        }
        return nextUnit > 0 ? (negative ? -total : total) : nil
    }
}
