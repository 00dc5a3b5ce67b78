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
    targets: [
        benchmarkTarget("RealTimeCoreBenchmarks", libraries: ["NeuroCore", "NeuroAudio"]),
        benchmarkTarget("DescriptorBenchmarks", libraries: ["NeuroCore", "NeuroAnalysis"]),
    ],
    swiftLanguageModes: [.v6]
)

/// One benchmark executable: `Benchmarks/<name>`, linked against `libraries` of ours and package-benchmark.
func benchmarkTarget(_ name: String, libraries: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: libraries.map { .product(name: $0, package: "Neurorack") } + [
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}
