import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// Small variants against ``LiteralNSF``: odd lengths, dilations and widths the fixtures do not cover.
@Suite struct NSFVariantTests {
    static let variants: [NSFConfig] = [
        NSFConfig(
            sampleRate: 16_000, samplesPerFrame: 48, hiddenDimension: 32,
            condition: .init(convolutionLayers: 2, smoothingLength: 33, cutoffSmoothingLength: 101),
            source: .init(harmonicCount: 4, sineAmplitude: 0.1, noiseStandardDeviation: 0.003),
            filter: .init(
                harmonicDilations: [1, 3, 5], noiseDilations: [2], harmonicBlockCount: 2, noiseBlockCount: 1,
                feedForwardDimensions: [1, 32, 8, 1], sincOrder: 9)),
        NSFConfig(
            sampleRate: 22_050, samplesPerFrame: 40, hiddenDimension: 16,
            condition: .init(convolutionLayers: 1, smoothingLength: 64, cutoffSmoothingLength: 40),
            source: .init(harmonicCount: 0, sineAmplitude: 0.2, noiseStandardDeviation: 0.01),
            filter: .init(
                harmonicDilations: [7], noiseDilations: [], harmonicBlockCount: 1, noiseBlockCount: 2,
                feedForwardDimensions: [1, 16, 16, 1], sincOrder: 5)),
    ]

    @Test(arguments: variants.indices)
    func engineMatchesTheLiteralTranscription(variant: Int) throws {
        let config = Self.variants[variant]
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config, seed: 4).encoded(), fileName: "variant.safetensors")
        let model = try NSFModel(config: config, weights: file, name: "variant", maxFramesPerCall: 16)
        let frames = SmallNSFModel.impactFrames(14).suffix(7).map { $0 }
        let samples = frames.count * config.samplesPerFrame
        var random = GaussianRandom(seed: 99)
        let draws = try NSFRandomDraws(
            initialPhases: (0..<config.sineCount).map { _ in random.uniform() },
            sineNoise: (0..<samples * config.sineCount).map { _ in random.normal() },
            excitationNoise: (0..<samples).map { _ in random.normal() })
        let trace = try model.trace(frames: frames, draws: draws)
        let expected = LiteralNSF(config: config, file: file).run(frames: frames, draws: draws)
        let output = NSFTensorComparison(name: "output", actual: trace.tensors["output", default: []][...], expected: expected.output[...])
        let context = NSFTensorComparison(
            name: "context", actual: trace.tensors["context", default: []][...], expected: expected.context.flatMap { $0 }[...])
        #expect(output.count == samples && context.count == samples * config.hiddenDimension)
        #expect(context.maxAbsolute <= 1e-5, "\(context.line)")
        #expect(output.relativeL2 <= 1e-5, "\(output.line)")
    }
}
