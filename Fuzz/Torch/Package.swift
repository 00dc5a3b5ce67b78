// swift-tools-version: 6.1
import PackageDescription

// The TorchScript fuzz target, apart from the other targets (../Package.swift) because it needs
// the `Torch` trait and so libtorch (Debian's libtorch-dev): the other targets build without it.
// scripts/fuzz.sh builds this package only when libtorch's headers are installed.
let package = Package(
    name: "NeurorackFuzzTorch",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "NeurorackFuzz", path: ".."),
        .package(name: "Neurorack", path: "../..", traits: ["Torch"]),
    ],
    targets: [
        .executableTarget(
            name: "FuzzTorchScript",
            dependencies: [
                .product(name: "FuzzDriver", package: "NeurorackFuzz"),
                .product(name: "NeuroTorch", package: "Neurorack"),
                .product(name: "NeuroCore", package: "Neurorack"),
            ],
            path: "Targets/FuzzTorchScript"),
    ],
    swiftLanguageModes: [.v6]
)
