/// The scenario `acd simulate` runs when given none: Scenarios/utility-hotline.yaml,
/// embedded in the binary at build time.
enum DefaultScenario {
    static var text: String { String(decoding: PackageResources.utility_hotline_yaml, as: UTF8.self) }
}
