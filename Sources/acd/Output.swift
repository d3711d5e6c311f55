import Foundation

extension FileHandle {
    /// Writes `line` and a newline, as UTF-8.
    func writeLine(_ line: String) {
        write(Data((line + "\n").utf8))
    }
}

/// `x` with a fixed number of decimals, locale-independent.
func formatNumber(_ x: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", x)
}
