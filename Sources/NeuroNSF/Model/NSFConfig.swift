import Foundation
import NeuroCore

/// The hyper-parameters of an hn-sinc-NSF model, decoded from the JSON format of the reference
/// `architecture.json` (snake-case keys, unknown keys ignored).
///
/// The reference model is 64 wide with 5 harmonic blocks of 10 convolutions and 1 noise block
/// of 5; smaller variants change any of these. Normalisation statistics and block scales are not
/// part of the config: they come from the weights (`input_mean`, `input_std`, `…scale`).
/// See docs/FORMATS.md for every key.
public struct NSFConfig: Codable, Sendable, Equatable {
    /// Number of input descriptors per frame (`input_dim`, must be 7).
    public var inputDimension: Int
    /// Output sample rate in Hz (`sampling_rate`).
    public var sampleRate: Int
    /// Output samples per input frame (`upsamp_rate`).
    public var samplesPerFrame: Int
    /// Channels of the condition CNN output, the context and the filter blocks (`hidden_dim`, multiple of 16).
    public var hiddenDimension: Int
    /// The condition module (`cond_module`).
    public var condition: Condition
    /// The source module (`source_module`).
    public var source: Source
    /// The filter module (`filter_module`).
    public var filter: Filter
    /// The loudness-following tail gate after the model (`tail_gate`), or `nil` for none (the reference).
    public var tailGate: TailGate?
    /// The DC blocker after the model, before the tail gate (`dc_block`), or `nil` for none (the reference).
    public var dcBlock: DCBlock?
    /// The fade that ends every impact (`end_fade`), or `nil` for none (the reference).
    public var endFade: EndFade?

    /// Hyper-parameters of the condition module.
    public struct Condition: Codable, Sendable, Equatable {
        /// Number of kernel-3 frame-rate convolutions (`conv_layers`, default 3).
        public var convolutionLayers: Int
        /// Length of each of the two moving averages after up-sampling
        /// (`upsample_smoothing_moving_average_len`, default `upsamp_rate`).
        public var smoothingLength: Int?
        /// Length of the cut-off moving average (`cut_f_smooth_len`, default `4 · upsamp_rate`).
        public var cutoffSmoothingLength: Int?

        /// Creates condition hyper-parameters; `nil` lengths take their defaults from the up-sampling rate.
        public init(convolutionLayers: Int = 3, smoothingLength: Int? = nil, cutoffSmoothingLength: Int? = nil) {
            self.convolutionLayers = convolutionLayers
            self.smoothingLength = smoothingLength
            self.cutoffSmoothingLength = cutoffSmoothingLength
        }

        enum CodingKeys: String, CodingKey {
            case convolutionLayers = "conv_layers"
            case smoothingLength = "upsample_smoothing_moving_average_len"
            case cutoffSmoothingLength = "cut_f_smooth_len"
            case convolutionKernel = "conv_kernel"
            case smoothingPasses = "upsample_smoothing_passes"
            case voicedThreshold = "voiced_threshold"
        }

        /// Decodes, checking the fixed parts of the architecture (kernel 3, two smoothing passes,
        /// voicing threshold 0) when given.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            convolutionLayers = try container.decodeIfPresent(Int.self, forKey: .convolutionLayers) ?? 3
            smoothingLength = try container.decodeIfPresent(Int.self, forKey: .smoothingLength)
            cutoffSmoothingLength = try container.decodeIfPresent(Int.self, forKey: .cutoffSmoothingLength)
            try NSFConfig.expect(container, .convolutionKernel, equals: 3)
            try NSFConfig.expect(container, .smoothingPasses, equals: 2)
            try NSFConfig.expect(container, .voicedThreshold, equals: 0)
        }

        /// Encodes the keys this type reads.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(convolutionLayers, forKey: .convolutionLayers)
            try container.encodeIfPresent(smoothingLength, forKey: .smoothingLength)
            try container.encodeIfPresent(cutoffSmoothingLength, forKey: .cutoffSmoothingLength)
        }
    }

    /// Hyper-parameters of the harmonic-plus-noise source.
    public struct Source: Codable, Sendable, Equatable {
        /// Overtones above the fundamental (`harmonic_num`); the source has `harmonic_num + 1` sines.
        public var harmonicCount: Int
        /// Amplitude of each sine (`sine_amp`, 0.1 in the reference).
        public var sineAmplitude: Float
        /// Standard deviation of the noise added to voiced sines (`noise_std`, 0.003).
        public var noiseStandardDeviation: Float

        /// Creates source hyper-parameters.
        public init(harmonicCount: Int, sineAmplitude: Float, noiseStandardDeviation: Float) {
            self.harmonicCount = harmonicCount
            self.sineAmplitude = sineAmplitude
            self.noiseStandardDeviation = noiseStandardDeviation
        }

        enum CodingKeys: String, CodingKey {
            case harmonicCount = "harmonic_num"
            case sineAmplitude = "sine_amp"
            case noiseStandardDeviation = "noise_std"
            case voicedThreshold = "voiced_threshold"
            case pulseFlag = "flag_for_pulse"
        }

        /// Decodes, checking the fixed parts (voicing threshold 0, sines rather than pulses) when given.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            harmonicCount = try container.decode(Int.self, forKey: .harmonicCount)
            sineAmplitude = try container.decode(Float.self, forKey: .sineAmplitude)
            noiseStandardDeviation = try container.decode(Float.self, forKey: .noiseStandardDeviation)
            try NSFConfig.expect(container, .voicedThreshold, equals: 0)
            if try container.decodeIfPresent(Bool.self, forKey: .pulseFlag) == true {
                throw DecodingError.dataCorruptedError(
                    forKey: .pulseFlag, in: container, debugDescription: "flag_for_pulse must be false (pulse sources are not supported)")
            }
        }

        /// Encodes the keys this type reads.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(harmonicCount, forKey: .harmonicCount)
            try container.encode(sineAmplitude, forKey: .sineAmplitude)
            try container.encode(noiseStandardDeviation, forKey: .noiseStandardDeviation)
        }
    }

    /// Hyper-parameters of the filter module.
    public struct Filter: Codable, Sendable, Equatable {
        /// Dilations of the convolutions of each harmonic block (`harmonic_dilations`).
        public var harmonicDilations: [Int]
        /// Dilations of the convolutions of each noise block (`noise_dilations`).
        public var noiseDilations: [Int]
        /// Number of harmonic-branch blocks (`harmonic_blocks`).
        public var harmonicBlockCount: Int
        /// Number of noise-branch blocks (`noise_blocks`).
        public var noiseBlockCount: Int
        /// Feed-forward widths of a block: `[1, hidden_dim, bottleneck, 1]` (`ff_dims`).
        public var feedForwardDimensions: [Int]
        /// Taps of the time-varying sinc filters (`sinc_order`, odd).
        public var sincOrder: Int
        /// The block output scale the weights' `…scale` tensors must hold, if given (`block_scale`).
        public var blockScale: Float?

        /// Creates filter hyper-parameters.
        public init(
            harmonicDilations: [Int], noiseDilations: [Int], harmonicBlockCount: Int, noiseBlockCount: Int,
            feedForwardDimensions: [Int], sincOrder: Int, blockScale: Float? = nil
        ) {
            self.harmonicDilations = harmonicDilations
            self.noiseDilations = noiseDilations
            self.harmonicBlockCount = harmonicBlockCount
            self.noiseBlockCount = noiseBlockCount
            self.feedForwardDimensions = feedForwardDimensions
            self.sincOrder = sincOrder
            self.blockScale = blockScale
        }

        enum CodingKeys: String, CodingKey {
            case harmonicDilations = "harmonic_dilations"
            case noiseDilations = "noise_dilations"
            case harmonicBlockCount = "harmonic_blocks"
            case noiseBlockCount = "noise_blocks"
            case feedForwardDimensions = "ff_dims"
            case sincOrder = "sinc_order"
            case blockScale = "block_scale"
            case harmonicConvolutions = "convs_per_harmonic_block"
            case noiseConvolutions = "convs_per_noise_block"
            case kernelSize = "kernel_size"
        }

        /// Decodes, checking the convolution counts against the dilation lists and the kernel size (3) when given.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            harmonicDilations = try container.decode([Int].self, forKey: .harmonicDilations)
            noiseDilations = try container.decode([Int].self, forKey: .noiseDilations)
            harmonicBlockCount = try container.decode(Int.self, forKey: .harmonicBlockCount)
            noiseBlockCount = try container.decode(Int.self, forKey: .noiseBlockCount)
            feedForwardDimensions = try container.decode([Int].self, forKey: .feedForwardDimensions)
            sincOrder = try container.decode(Int.self, forKey: .sincOrder)
            blockScale = try container.decodeIfPresent(Float.self, forKey: .blockScale)
            try NSFConfig.expect(container, .harmonicConvolutions, equals: harmonicDilations.count)
            try NSFConfig.expect(container, .noiseConvolutions, equals: noiseDilations.count)
            try NSFConfig.expect(container, .kernelSize, equals: 3)
        }

        /// Encodes the keys this type reads, with the derived convolution counts.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(harmonicBlockCount, forKey: .harmonicBlockCount)
            try container.encode(harmonicDilations.count, forKey: .harmonicConvolutions)
            try container.encode(harmonicDilations, forKey: .harmonicDilations)
            try container.encode(noiseBlockCount, forKey: .noiseBlockCount)
            try container.encode(noiseDilations.count, forKey: .noiseConvolutions)
            try container.encode(noiseDilations, forKey: .noiseDilations)
            try container.encode(feedForwardDimensions, forKey: .feedForwardDimensions)
            try container.encode(sincOrder, forKey: .sincOrder)
            try container.encode(3, forKey: .kernelSize)
            try container.encodeIfPresent(blockScale, forKey: .blockScale)
        }
    }

    /// Creates a config from its parts; call ``validate()`` before use.
    public init(
        inputDimension: Int = 7, sampleRate: Int, samplesPerFrame: Int, hiddenDimension: Int,
        condition: Condition = Condition(), source: Source, filter: Filter, tailGate: TailGate? = nil,
        dcBlock: DCBlock? = nil, endFade: EndFade? = nil
    ) {
        self.inputDimension = inputDimension
        self.sampleRate = sampleRate
        self.samplesPerFrame = samplesPerFrame
        self.hiddenDimension = hiddenDimension
        self.condition = condition
        self.source = source
        self.filter = filter
        self.tailGate = tailGate
        self.dcBlock = dcBlock
        self.endFade = endFade
    }

    enum CodingKeys: String, CodingKey {
        case inputDimension = "input_dim"
        case sampleRate = "sampling_rate"
        case samplesPerFrame = "upsamp_rate"
        case hiddenDimension = "hidden_dim"
        case condition = "cond_module"
        case source = "source_module"
        case filter = "filter_module"
        case tailGate = "tail_gate"
        case dcBlock = "dc_block"
        case endFade = "end_fade"
    }

    /// Decodes the `architecture.json` format; `cond_module` may be absent (all defaults), `tail_gate`
    /// `dc_block` and `end_fade` too (no post-model stage).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        inputDimension = try container.decode(Int.self, forKey: .inputDimension)
        sampleRate = try container.decode(Int.self, forKey: .sampleRate)
        samplesPerFrame = try container.decode(Int.self, forKey: .samplesPerFrame)
        hiddenDimension = try container.decode(Int.self, forKey: .hiddenDimension)
        condition = try container.decodeIfPresent(Condition.self, forKey: .condition) ?? Condition()
        source = try container.decode(Source.self, forKey: .source)
        filter = try container.decode(Filter.self, forKey: .filter)
        tailGate = try container.decodeIfPresent(TailGate.self, forKey: .tailGate)
        dcBlock = try container.decodeIfPresent(DCBlock.self, forKey: .dcBlock)
        endFade = try container.decodeIfPresent(EndFade.self, forKey: .endFade)
    }

    private static func expect<Key: CodingKey>(
        _ container: KeyedDecodingContainer<Key>, _ key: Key, equals expected: Int
    ) throws {
        guard let value = try container.decodeIfPresent(Int.self, forKey: key), value != expected else { return }
        throw DecodingError.dataCorruptedError(
            forKey: key, in: container, debugDescription: "\(key.stringValue) must be \(expected), got \(value)")
    }
}
