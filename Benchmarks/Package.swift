// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so that `swift test` at the root never builds
// package-benchmark. Run: `cd Benchmarks && swift package --disable-sandbox benchmark`.
let package = Package(
    name: "NeurorackBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Neurorack", path: ".."),
        // The MallocInterposer trait makes malloc counts real; the default trait needs an unmirrored package.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: ["RealTimeCoreBenchmarks", "DescriptorBenchmarks"].map(benchmarkTarget),
    swiftLanguageModes: [.v6]
)

/// One benchmark executable: `Benchmarks/<name>`, linked against NeuroCore and package-benchmark.
func benchmarkTarget(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "NeuroCore", package: "Neurorack"),
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}
