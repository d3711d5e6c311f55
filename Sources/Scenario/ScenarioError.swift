/// A problem in a scenario file, located by file, line, column and the path
/// of the field (`queues[2].handle_time.mean`).
public struct ScenarioError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based; 0 when the position is unknown.
    public var line: Int
    /// 1-based; 0 when the position is unknown.
    public var column: Int
    /// The field path from the document root, e.g. `queues[0].arrivals.rate_per_hour`.
    public var path: String
    public var message: String

    public init(file: String, line: Int, column: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: path: message`, the form editors and CI logs link to.
    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}
