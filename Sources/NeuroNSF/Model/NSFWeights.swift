import Foundation
import NeuroCore
import NeuroSafeTensors

/// The validated weights of an hn-sinc-NSF model, unpacked for the Swift engine.
///
/// Built from a safetensors state dict and an ``NSFConfig``: every tensor the forward pass reads
/// must be present with the shape the config implies and hold only finite values; the errors name
/// the file and the tensor. Convolution weights are packed for ``ConvKernels`` once, here.
struct NSFWeights: Sendable {
    /// The weights of one neural filter block (SPEC §5.1).
    struct Block: Sendable {
        /// `l_ff_1.weight`, `[H]`: the expansion of the scalar input.
        var expansion: [Float]
        /// `l_convs.i.weight`, packed, one per dilation.
        var convolutions: [PackedConvWeights]
        /// The dilation of each convolution.
        var dilations: [Int]
        /// `scale`, the factor applied after the convolutions.
        var scale: Float
        /// `l_ff_2.weight`, `[B][H]` row-major.
        var bottleneck: [Float]
        /// `l_ff_3.weight`, `[B]`.
        var output: [Float]
    }

    /// The normalisation statistics (`input_mean`, `input_std`).
    var statistics: DescriptorStatistics
    /// `m_cond.l_conv1ds.ℓ.weight`, `[H][in][3]` row-major, one per layer.
    var conditionWeights: [[Float]]
    /// `m_cond.l_conv1ds.ℓ.bias`, `[H]`, one per layer.
    var conditionBiases: [[Float]]
    /// `m_source.l_linear.weight`, `[S]`.
    var sourceWeights: [Float]
    /// `m_source.l_linear.bias`.
    var sourceBias: Float
    /// The harmonic-branch blocks.
    var harmonicBlocks: [Block]
    /// The noise-branch blocks.
    var noiseBlocks: [Block]

    /// The largest weight magnitude accepted (trained weights are orders of magnitude smaller).
    static let plausibleMagnitude: Float = 1e6

    /// Checks `file` against `config` (shapes, finite and plausible values) and unpacks it.
    init(file: SafeTensorsFile, config: NSFConfig) throws(NeuroError) {
        var tensors: [String: [Float]] = [:]
        for (name, shape) in NSFTensorNames.expectedShapes(for: config) {
            tensors[name] = try file.floats(name, shape: shape)
        }
        func tensor(_ name: String) -> [Float] { tensors[name] ?? [] }
        for (name, values) in tensors.sorted(by: { $0.key < $1.key }) {
            if let bad = values.firstIndex(where: { !$0.isFinite || abs($0) > Self.plausibleMagnitude }) {
                throw NeuroError(
                    .invalidData,
                    "\(file.fileName): tensor \"\(name)\" element \(bad) is \(values[bad]); trained weights are finite and within ±1e6")
            }
        }

        do {
            statistics = try DescriptorStatistics(
                mean: tensor(NSFTensorNames.inputMean), standardDeviation: tensor(NSFTensorNames.inputStandardDeviation))
        } catch {
            throw NeuroError(.invalidData, "\(file.fileName): tensors input_mean/input_std: \(error.message)")
        }
        let averages = [
            (NSFTensorNames.smoothingFirst, config.resolvedSmoothingLength),
            (NSFTensorNames.smoothingSecond, config.resolvedSmoothingLength),
            (NSFTensorNames.pitchSmoothingFirst, config.resolvedSmoothingLength),
            (NSFTensorNames.pitchSmoothingSecond, config.resolvedSmoothingLength),
            (NSFTensorNames.cutoffSmoothing, config.resolvedCutoffSmoothingLength),
        ]
        for (name, length) in averages {
            let uniform = 1 / Float(length)
            guard tensor(name).allSatisfy({ abs($0 - uniform) <= 1e-6 * uniform }) else {
                throw NeuroError(.invalidData, "\(file.fileName): tensor \"\(name)\" must hold the uniform moving-average weight 1/\(length)")
            }
        }
        let layers = 0..<config.condition.convolutionLayers
        conditionWeights = layers.map { tensor(NSFTensorNames.conditionWeight($0)) }
        conditionBiases = layers.map { tensor(NSFTensorNames.conditionBias($0)) }
        sourceWeights = tensor(NSFTensorNames.sourceWeight)
        sourceBias = tensor(NSFTensorNames.sourceBias)[0]
        harmonicBlocks = try (0..<config.filter.harmonicBlockCount).map { (index) throws(NeuroError) in
            try Self.block(
                prefix: NSFTensorNames.blockPrefix(harmonic: true, index), dilations: config.filter.harmonicDilations,
                tensors: tensors, config: config, fileName: file.fileName)
        }
        noiseBlocks = try (0..<config.filter.noiseBlockCount).map { (index) throws(NeuroError) in
            try Self.block(
                prefix: NSFTensorNames.blockPrefix(harmonic: false, index), dilations: config.filter.noiseDilations,
                tensors: tensors, config: config, fileName: file.fileName)
        }
    }

    private static func block(
        prefix: String, dilations: [Int], tensors: [String: [Float]], config: NSFConfig, fileName: String
    ) throws(NeuroError) -> Block {
        let scale = tensors[prefix + "scale"]?[0] ?? 0
        if let expected = config.filter.blockScale, abs(scale - expected) > 1e-6 * abs(expected) {
            throw NeuroError(.invalidData, "\(fileName): tensor \"\(prefix)scale\" is \(scale) but the config's block_scale is \(expected)")
        }
        var convolutions: [PackedConvWeights] = []
        for layer in dilations.indices {
            let name = prefix + "l_convs.\(layer).weight"
            do {
                convolutions.append(try PackedConvWeights(pytorch: tensors[name] ?? [], channels: config.hiddenDimension))
            } catch {
                throw NeuroError(.invalidData, "\(fileName): tensor \"\(name)\": \(error.message)")
            }
        }
        return Block(
            expansion: tensors[prefix + "l_ff_1.weight"] ?? [], convolutions: convolutions, dilations: dilations,
            scale: scale, bottleneck: tensors[prefix + "l_ff_2.weight"] ?? [], output: tensors[prefix + "l_ff_3.weight"] ?? [])
    }
}
