// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "acd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "acd", targets: ["acd"]),
        .library(name: "RoutingCore", targets: ["RoutingCore"]),
        .library(name: "Stochastics", targets: ["Stochastics"]),
        .library(name: "Staffing", targets: ["Staffing"]),
        .library(name: "Simulation", targets: ["Simulation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GNU Scientific Library (Debian: libgsl-dev), through pkg-config.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "Stochastics", dependencies: ["CGSL"]),
        .target(name: "Staffing", dependencies: ["Stochastics", "CGSL", "Simulation", "RoutingCore"]),
        .target(name: "RoutingCore"),
        .target(name: "Simulation", dependencies: ["RoutingCore", "Stochastics"]),
        .target(name: "Scenario", dependencies: ["Yams", "Simulation", "RoutingCore", "Stochastics"]),
        .target(name: "Reports", dependencies: ["Simulation"]),
        // `acd check`: baselines, paired comparisons, verdicts, reports.
        .target(name: "Regression", dependencies: ["Simulation", "Reports", "Stochastics", "RoutingCore"]),
        .executableTarget(
            name: "acd",
            dependencies: [
                "Stochastics", "Staffing", "RoutingCore", "Simulation", "Scenario", "Reports",
                "Regression",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.embedInCode("Resources/utility-hotline.yaml")]
        ),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"]),
        .testTarget(name: "StaffingTests", dependencies: ["Staffing", "Simulation", "RoutingCore", "Scenario"], resources: [.copy("Data")]),
        .testTarget(name: "RoutingCoreTests", dependencies: ["RoutingCore"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Staffing", "Stochastics"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports"]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression"]),
        .testTarget(name: "AcdTests", dependencies: ["acd", "Staffing"]),
    ]
)
