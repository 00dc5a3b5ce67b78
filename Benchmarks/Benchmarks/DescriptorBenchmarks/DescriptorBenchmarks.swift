import Benchmark
import Foundation
import NeuroAnalysis
import NeuroCore

/// Ten seconds of a synthetic impact (decaying chirp plus noise) at 22 050 Hz, and the extractor.
struct DescriptorFixture: Sendable {
    static let seconds = 10
    let signal: [Float]
    let extractor: DescriptorExtractor

    init() throws {
        var random = SplitMix64(seed: 0xD15C)
        let count = Self.seconds * 22_050
        signal = (0..<count).map { index in
            let time = Float(index) / 22_050
            let tone = sin(2 * .pi * (80 + 40 * time) * time) * exp(-0.4 * time)
            return 0.5 * tone + 0.02 * (random.nextUnitFloat() - 0.5)
        }
        extractor = try DescriptorExtractor()
    }
}

let benchmarks: @Sendable () -> Void = {
    // One iteration measures 10 s of audio: real-time factor = 10 s / wall-clock time per iteration.
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        warmupIterations: 2, maxDuration: .seconds(3), maxIterations: 100)

    Benchmark("DescriptorExtraction10Seconds", configuration: configuration) { benchmark, fixture in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try fixture.extractor.frames(of: fixture.signal)) }
    } setup: {
        try DescriptorFixture()
    }
}
