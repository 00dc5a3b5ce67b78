import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// The source's two noise paths: one normal per sine (the forward pass exactly) and one merged
/// normal per sample (what generated streams use).
@Suite struct HarmonicSourceTests {
    private let config = SmallNSFModel.config()

    private func source() throws -> HarmonicSource {
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "small.safetensors")
        var source = HarmonicSource(config: config, weights: try NSFWeights(file: file, config: config))
        source.reset(initialPhases: (0..<config.sineCount).map { Float($0) / 10 })
        return source
    }

    /// The merged excitations of `tiles` tiles of `samplesPerFrame` samples, before the tanh.
    private func excitation(
        tiles: Int, f0: Float, voiced: Float, noisePerSine: Bool, noise: (inout GaussianRandom) -> Float
    ) throws -> [Double] {
        var source = try source()
        let rows = config.samplesPerFrame
        var random = GaussianRandom(seed: 7)
        var values: [Double] = []
        for _ in 0..<tiles {
            var sineNoise = (0..<rows * config.sineCount).map { _ in noise(&random) }
            var excitation = [Float](repeating: 0, count: rows)
            source.generate(
                count: rows, f0: Array(repeating: f0, count: rows), voicing: Array(repeating: voiced, count: rows),
                noisePerSine: noisePerSine, sineNoise: &sineNoise, harmonicExcitation: &excitation)
            values += excitation.map { atanh(Double($0)) }
        }
        return values
    }

    @Test func bothPathsMergeTheSinesAlikeWithoutNoise() throws {
        let perSine = try excitation(tiles: 4, f0: 220, voiced: 1, noisePerSine: true) { _ in 0 }
        let merged = try excitation(tiles: 4, f0: 220, voiced: 1, noisePerSine: false) { _ in 0 }
        let largest = zip(perSine, merged).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest < 1e-5)
        #expect(perSine.contains { abs($0) > 1e-3 })
    }

    @Test func mergedNoiseHasThePerSineNoiseSpread() throws {
        let source = try source()
        let bias = Double(source.mergeBias)
        let expected = Double(source.sineAmplitude / 3 * source.mergeWeightNorm)
        func deviation(_ values: [Double]) -> Double {
            (values.reduce(0) { $0 + ($1 - bias) * ($1 - bias) } / Double(values.count)).squareRoot()
        }
        let perSine = try excitation(tiles: 200, f0: 0, voiced: 0, noisePerSine: true) { $0.normal() }
        let merged = try excitation(tiles: 200, f0: 0, voiced: 0, noisePerSine: false) { $0.normal() }
        #expect(abs(deviation(perSine) / expected - 1) < 0.04)
        #expect(abs(deviation(merged) / expected - 1) < 0.04)
    }
}
