import Foundation
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// A small hn-sinc-NSF variant with random weights, for tests that need no reference data.
enum SmallNSFModel {
    /// 32 channels, 64 samples per frame, 2 harmonic blocks of 3 convs, 1 noise block of 2, 7 taps.
    static func config(bottleneck: Int = 16) -> NSFConfig {
        NSFConfig(
            sampleRate: 22_050, samplesPerFrame: 64, hiddenDimension: 32,
            source: .init(harmonicCount: 4, sineAmplitude: 0.1, noiseStandardDeviation: 0.003),
            filter: .init(
                harmonicDilations: [1, 2, 4], noiseDilations: [1, 3], harmonicBlockCount: 2, noiseBlockCount: 1,
                feedForwardDimensions: [1, 32, bottleneck, 1], sincOrder: 7, blockScale: 0.1))
    }

    /// A tensor that replaces (or, with `nil` values, removes) one of the generated ones.
    struct Override {
        var name: String
        var shape: [Int]
        var values: [Float]?
    }

    /// Random weights with every tensor `config` needs (deterministic for `seed`), with `override` applied.
    static func weights(for config: NSFConfig, seed: UInt64 = 1, override: Override? = nil) -> SafeTensorsWriter {
        var random = GaussianRandom(seed: seed)
        var writer = SafeTensorsWriter()
        for (name, shape) in NSFTensorNames.expectedShapes(for: config) {
            let count = shape.reduce(1, *)
            let values: [Float]
            switch name {
            case NSFTensorNames.inputMean:
                values = [0.09, 0.04, 1700, 0.12, 1075, 877, 1240]
            case NSFTensorNames.inputStandardDeviation:
                values = [0.12, 0.07, 2060, 0.31, 868, 1014, 2054]
            case _ where name.hasSuffix("scale"):
                values = [0.1]
            case _ where shape.count == 3 && shape[1] == 1:
                values = Array(repeating: 1 / Float(shape[2]), count: count)
            default:
                let fanIn = shape.count > 1 ? shape.dropFirst().reduce(1, *) : 1
                let deviation = 1 / Float(fanIn).squareRoot()
                values = (0..<count).map { _ in random.normal() * deviation }
            }
            if name != override?.name {
                writer.add(name, shape: shape, floats: values)
            }
        }
        if let override, let values = override.values {
            writer.add(override.name, shape: override.shape, floats: values)
        }
        return writer
    }

    /// A model with random weights.
    static func model(config: NSFConfig = config(), seed: UInt64 = 1) throws -> NSFModel {
        let file = try SafeTensorsFile(data: weights(for: config, seed: seed).encoded(), fileName: "small.safetensors")
        return try NSFModel(config: config, weights: file, name: "small", maxFramesPerCall: 64)
    }

    /// A decaying, pitch-gliding impact of `count` frames with an unvoiced stretch.
    static func impactFrames(_ count: Int) -> [ControlFrame] {
        (0..<count).map { index in
            let decay = Float(exp(-Double(index) / 12))
            return ControlFrame(
                rms: 0.3 * decay, zcr: 0.05 + 0.01 * Float(index % 3), rolloff: 3000 - 40 * Float(index),
                flatness: 0.1, bandwidth: 1200, centroid: 1000 + 10 * Float(index),
                f0: (10..<13).contains(index) ? 0 : 220 + 5 * Float(index))
        }
    }
}
