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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // GNU Scientific Library (Debian: libgsl-dev), through pkg-config.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "Stochastics", dependencies: ["CGSL"]),
        .target(name: "Staffing", dependencies: ["Stochastics", "CGSL"]),
        .target(name: "RoutingCore"),
        .executableTarget(
            name: "acd",
            dependencies: [
                "Stochastics", "Staffing", "RoutingCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "StochasticsTests", dependencies: ["Stochastics"]),
        .testTarget(name: "StaffingTests", dependencies: ["Staffing"], resources: [.copy("Data")]),
        .testTarget(name: "RoutingCoreTests", dependencies: ["RoutingCore"]),
        .testTarget(name: "AcdTests", dependencies: ["acd"]),
    ]
)
