// swift-tools-version: 6.1
import PackageDescription

// The targets follow the data path (docs/ARCHITECTURE.md): NeuroCore is the real-time core
// (control → latent control → generation → cache → playback, and the ports); every other
// library depends on it and on nothing above itself.
let package = Package(
    name: "Neurorack",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NeuroCore", targets: ["NeuroCore"]),
        .library(name: "NeuroFiles", targets: ["NeuroFiles"]),
        .library(name: "NeuroSafeTensors", targets: ["NeuroSafeTensors"]),
        .library(name: "NeuroAudio", targets: ["NeuroAudio"]),
        .library(name: "NeuroProfiles", targets: ["NeuroProfiles"]),
        .library(name: "NeuroAnalysis", targets: ["NeuroAnalysis"]),
        .library(name: "NeuroModal", targets: ["NeuroModal"]),
        .library(name: "NeuroNSF", targets: ["NeuroNSF"]),
        .library(name: "NeuroHardware", targets: ["NeuroHardware"]),
        .library(name: "NeuroModule", targets: ["NeuroModule"]),
        .library(name: "NeuroTorch", targets: ["NeuroTorch"]),
        .executable(name: "neurorack-run", targets: ["neurorack-run"]),
        // Preloaded by `neurorack-run soak` to count allocations on the audio thread; nothing links it.
        .library(name: "NeuroAllocationCounter", type: .dynamic, targets: ["CAllocationCounter"]),
    ],
    traits: [
        .trait(name: "Torch", description: "Load TorchScript models through Debian's libtorch (apt-get install libtorch-dev)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        // Only for `swift package generate-documentation`; nothing links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "NeuroCore"),
        .target(name: "NeuroFiles", dependencies: ["NeuroCore"]),
        .target(name: "NeuroSafeTensors", dependencies: ["NeuroCore", "NeuroFiles"]),
        .target(name: "NeuroAudio", dependencies: ["NeuroCore", "NeuroFiles"]),
        .target(name: "NeuroProfiles", dependencies: ["NeuroCore", "NeuroFiles"], resources: [.copy("Resources/profiles.json")]),
        .target(name: "NeuroAnalysis", dependencies: ["NeuroCore", "NeuroFiles", "NeuroAudio", "NeuroProfiles"]),
        .target(name: "NeuroModal", dependencies: ["NeuroCore"]),
        .target(name: "CNSFKernels"),
        .target(name: "CAllocationCounter"),
        .target(
            name: "NeuroNSF", dependencies: ["NeuroCore", "NeuroFiles", "NeuroSafeTensors", "CNSFKernels"],
            resources: [.copy("Resources")]),
        // Without the Torch trait the shim compiles to stubs that fail with "rebuild with --traits Torch".
        .target(
            name: "CTorchShim",
            cxxSettings: [.define("CTORCH_ENABLED", .when(traits: ["Torch"]))],
            linkerSettings: [
                .linkedLibrary("torch", .when(traits: ["Torch"])),
                .linkedLibrary("torch_cpu", .when(traits: ["Torch"])),
                .linkedLibrary("c10", .when(traits: ["Torch"])),
            ]),
        .target(name: "NeuroTorch", dependencies: ["NeuroCore", "NeuroFiles", "NeuroSafeTensors", "CTorchShim"]),
        .target(name: "NeuroHardware", dependencies: ["NeuroCore", "NeuroFiles", "NeuroAudio"]),
        .target(name: "NeuroModule", dependencies: ["NeuroCore", "NeuroFiles", "NeuroAudio", "NeuroProfiles", "NeuroHardware"]),
        .executableTarget(
            name: "neurorack-run",
            dependencies: [
                "NeuroCore", "NeuroFiles", "NeuroSafeTensors", "NeuroAudio", "NeuroProfiles", "NeuroAnalysis",
                "NeuroModal", "NeuroNSF", "NeuroHardware", "NeuroModule", "NeuroTorch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "NeuroTestSupport", dependencies: ["NeuroCore"], path: "Tests/NeuroTestSupport"),
        .testTarget(name: "NeuroCoreTests", dependencies: ["NeuroCore", "NeuroTestSupport"]),
        .testTarget(name: "NeuroFilesTests", dependencies: ["NeuroFiles", "NeuroAudio", "NeuroTestSupport"]),
        .testTarget(name: "NeuroSafeTensorsTests", dependencies: ["NeuroSafeTensors", "NeuroTestSupport"]),
        .testTarget(name: "NeuroAudioTests", dependencies: ["NeuroAudio", "NeuroTestSupport"]),
        .testTarget(name: "NeuroProfilesTests", dependencies: ["NeuroProfiles", "NeuroAnalysis", "NeuroTestSupport"]),
        .testTarget(name: "NeuroAnalysisTests", dependencies: ["NeuroAnalysis", "NeuroAudio", "NeuroSafeTensors", "NeuroTestSupport"]),
        .testTarget(name: "NeuroModalTests", dependencies: ["NeuroModal", "NeuroAnalysis", "NeuroProfiles", "NeuroTestSupport"]),
        .testTarget(
            name: "NeuroNSFTests",
            dependencies: ["NeuroNSF", "NeuroSafeTensors", "NeuroProfiles", "NeuroAudio", "NeuroTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "NeuroTorchTests", dependencies: ["NeuroTorch", "NeuroCore", "NeuroSafeTensors", "NeuroTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "NeuroHardwareTests", dependencies: ["NeuroHardware", "NeuroAudio", "NeuroTestSupport"]),
        .testTarget(name: "NeuroModuleTests", dependencies: ["NeuroModule", "NeuroHardware", "NeuroAudio", "NeuroTestSupport"]),
        .testTarget(
            name: "NeurorackRunTests",
            dependencies: ["neurorack-run", "NeuroCore", "NeuroAudio", "NeuroProfiles", "NeuroSafeTensors", "NeuroNSF", "NeuroHardware", "NeuroTestSupport"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
