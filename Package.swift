// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Neurorack",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NeuroCore", targets: ["NeuroCore"]),
        .library(name: "NeuroNSF", targets: ["NeuroNSF"]),
        .library(name: "NeuroHardware", targets: ["NeuroHardware"]),
        .executable(name: "neurorack-run", targets: ["neurorack-run"]),
    ],
    traits: [
        .trait(name: "Torch", description: "Load TorchScript models through Debian's libtorch (apt-get install libtorch-dev)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(name: "NeuroCore", resources: [.copy("Resources/profiles.json")]),
        .target(name: "CNSFKernels"),
        .target(name: "NeuroNSF", dependencies: ["NeuroCore", "CNSFKernels"], resources: [.copy("Resources")]),
        .target(name: "NeuroHardware", dependencies: ["NeuroCore"]),
        .executableTarget(
            name: "neurorack-run",
            dependencies: [
                "NeuroCore", "NeuroNSF", "NeuroHardware",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "NeuroTestSupport", path: "Tests/NeuroTestSupport"),
        .testTarget(name: "NeuroCoreTests", dependencies: ["NeuroCore", "NeuroTestSupport"]),
        .testTarget(name: "NeuroNSFTests", dependencies: ["NeuroNSF", "NeuroTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuroHardwareTests", dependencies: ["NeuroHardware", "NeuroTestSupport"]),
        .testTarget(name: "NeurorackRunTests", dependencies: ["neurorack-run", "NeuroCore", "NeuroTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
