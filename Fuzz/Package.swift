// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets, one per parser, in their own package so that `swift build` and
// `swift test` at the root never build them. Run: `scripts/fuzz.sh SECONDS` (or see README.md).
// The TorchScript target needs libtorch, so it is a package of its own (Torch/), which takes the
// driver from here.
let package = Package(
    name: "NeurorackFuzz",
    platforms: [.macOS(.v15)],
    products: [.library(name: "FuzzDriver", targets: ["FuzzDriver"])],
    dependencies: [.package(name: "Neurorack", path: "..")],
    targets: [
        .target(name: "FuzzDriver", path: "Targets/FuzzDriver"),
        fuzzTarget("FuzzWAV", libraries: ["NeuroAudio"]),
        fuzzTarget("FuzzSafeTensors", libraries: ["NeuroSafeTensors", "NeuroNSF"]),
        fuzzTarget("FuzzControls", libraries: ["NeuroProfiles"]),
        fuzzTarget("FuzzMIDI", libraries: ["NeuroHardware"]),
        fuzzTarget("FuzzOSC", libraries: ["NeuroHardware"]),
        fuzzTarget("FuzzModule", libraries: ["NeuroModule"]),
    ],
    swiftLanguageModes: [.v6]
)

/// One fuzz executable: `Targets/<name>.swift`, defining `LLVMFuzzerTestOneInput`.
func fuzzTarget(_ name: String, libraries: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + libraries.map { .product(name: $0, package: "Neurorack") },
        path: "Targets/\(name)")
}
