import Foundation
import NeuroCore
import NeuroFiles

extension NSFConfig {
    /// The reference config file's name inside a model folder or the bundle.
    public static let defaultFileName = "architecture.json"

    /// Reads and validates a config in the `architecture.json` format.
    public init(contentsOf url: URL) throws(NeuroError) {
        let data = try InputFile.contents(of: url, limit: 16 << 20)
        self = try JSONFile.decode(NSFConfig.self, from: data, name: url.lastPathComponent)
        do {
            try validate()
        } catch {
            throw NeuroError(.invalidData, "\(url.lastPathComponent): \(error.message)")
        }
    }

    /// The length of each of the two moving averages after up-sampling.
    public var resolvedSmoothingLength: Int { condition.smoothingLength ?? samplesPerFrame }
    /// The length of the cut-off moving average.
    public var resolvedCutoffSmoothingLength: Int { condition.cutoffSmoothingLength ?? 4 * samplesPerFrame }
    /// The number of sines of the source (fundamental plus overtones).
    public var sineCount: Int { source.harmonicCount + 1 }
    /// The width of the bottleneck feed-forward layer of each block (`ff_dims[2]`).
    public var bottleneckDimension: Int { filter.feedForwardDimensions[2] }

    /// Checks every value is in the range this implementation supports; the error names the key.
    public func validate() throws(NeuroError) {
        func require(_ condition: Bool, _ key: String, _ expectation: String) throws(NeuroError) {
            guard condition else { throw NeuroError(.invalidData, "NSF config: \(key) \(expectation)") }
        }
        try require(inputDimension == Descriptor.allCases.count, "input_dim", "must be 7, got \(inputDimension)")
        try require((8_000...192_000).contains(sampleRate), "sampling_rate", "must be 8000…192000 Hz, got \(sampleRate)")
        try require((1...4_096).contains(samplesPerFrame), "upsamp_rate", "must be 1…4096, got \(samplesPerFrame)")
        try require(
            hiddenDimension > 0 && hiddenDimension <= 1024 && hiddenDimension % 16 == 0,
            "hidden_dim", "must be a multiple of 16 in 16…1024, got \(hiddenDimension)")
        try require((1...16).contains(condition.convolutionLayers), "cond_module.conv_layers", "must be 1…16")
        try require(
            (1...65_536).contains(resolvedSmoothingLength),
            "cond_module.upsample_smoothing_moving_average_len", "must be 1…65536")
        try require((1...65_536).contains(resolvedCutoffSmoothingLength), "cond_module.cut_f_smooth_len", "must be 1…65536")
        try require((0...255).contains(source.harmonicCount), "source_module.harmonic_num", "must be 0…255")
        try require(
            source.sineAmplitude.isFinite && source.sineAmplitude >= 0, "source_module.sine_amp", "must be finite and ≥ 0")
        try require(
            source.noiseStandardDeviation.isFinite && source.noiseStandardDeviation >= 0,
            "source_module.noise_std", "must be finite and ≥ 0")
        try require((0...64).contains(filter.harmonicBlockCount), "filter_module.harmonic_blocks", "must be 0…64")
        try require((0...64).contains(filter.noiseBlockCount), "filter_module.noise_blocks", "must be 0…64")
        for (key, dilations) in [("harmonic_dilations", filter.harmonicDilations), ("noise_dilations", filter.noiseDilations)] {
            try require(dilations.count <= 64, "filter_module.\(key)", "must list at most 64 dilations")
            try require(dilations.allSatisfy { (1...65_536).contains($0) }, "filter_module.\(key)", "must be 1…65536 each")
        }
        let dimensions = filter.feedForwardDimensions
        try require(
            dimensions.count == 4 && dimensions[0] == 1 && dimensions[1] == hiddenDimension
                && (1...1024).contains(dimensions[2]) && dimensions[3] == 1,
            "filter_module.ff_dims", "must be [1, hidden_dim, 1…1024, 1], got \(dimensions)")
        try require(
            filter.sincOrder >= 1 && filter.sincOrder <= 255 && filter.sincOrder % 2 == 1,
            "filter_module.sinc_order", "must be odd and 1…255, got \(filter.sincOrder)")
        if let scale = filter.blockScale {
            try require(scale.isFinite, "filter_module.block_scale", "must be finite")
        }
        try tailGate?.validate()
        try dcBlock?.validate()
        try endFade?.validate()
    }
}
