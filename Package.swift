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
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        .target(
            name: "Simulation",
            dependencies: [
                "RoutingCore", "Stochastics",
                .product(name: "BasicContainers", package: "swift-collections"),
            ]
        ),
        .target(name: "Scenario", dependencies: ["Yams", "Simulation", "RoutingCore", "Stochastics"]),
        .target(name: "Reports", dependencies: ["Simulation", "RoutingCore"]),
        .target(
            name: "Server",
            dependencies: [
                "RoutingCore", "Scenario",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.embedInCode("openapi.json")]
        ),
        // `acd check`: baselines, paired comparisons, verdicts, reports.
        .target(name: "Regression", dependencies: ["Simulation", "Reports", "Stochastics", "RoutingCore"]),
        .executableTarget(
            name: "acd",
            dependencies: [
                "Stochastics", "Staffing", "RoutingCore", "Simulation", "Scenario", "Reports", "Server",
                "Regression",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "DequeModule", package: "swift-collections"),
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
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "RoutingCore", "Scenario",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
