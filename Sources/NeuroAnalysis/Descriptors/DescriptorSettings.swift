import NeuroCore
/// The analysis parameters of the seven descriptors.
///
/// ``librosa`` holds the values the original Neurorack used (librosa 0.11 defaults with
/// `sr = 22050`, `n_fft = frame_length = 2048`, `hop_length = 512`, `center = True`, YIN with
/// `fmin = 50`, `fmax = 5000`); every model of the Neurorack family was trained on them.
/// ``profile`` adds the pitch voicing of the default model's training data and bundled profiles.
public struct DescriptorSettings: Sendable, Equatable {
    /// The sample rate of the analysed signal (Hz).
    public var sampleRate: Int
    /// Samples per analysis frame (librosa `n_fft` and `frame_length`); a power of two ≥ 8.
    public var frameLength: Int
    /// Samples between frame starts (librosa `hop_length`).
    public var hop: Int
    /// The fraction of the magnitude below the roll-off frequency (librosa `roll_percent`).
    public var rolloffFraction: Double
    /// The power floor of spectral flatness (librosa `amin`).
    public var flatnessFloor: Double
    /// The lowest fundamental YIN looks for (Hz, librosa `fmin`).
    public var minimumFrequency: Double
    /// The highest fundamental YIN looks for (Hz, librosa `fmax`).
    public var maximumFrequency: Double
    /// The YIN trough threshold on the cumulative-mean-normalised difference (librosa `trough_threshold`).
    public var troughThreshold: Double
    /// How the f0 curve is voiced and held after YIN (`nil`: YIN's value on every frame, as librosa).
    public var voicing: PitchVoicing?

    /// Creates settings; ``validated()`` checks them.
    public init(
        sampleRate: Int = 22_050, frameLength: Int = 2048, hop: Int = 512,
        rolloffFraction: Double = 0.85, flatnessFloor: Double = 1e-10,
        minimumFrequency: Double = 50, maximumFrequency: Double = 5000, troughThreshold: Double = 0.1,
        voicing: PitchVoicing? = nil
    ) {
        self.sampleRate = sampleRate
        self.frameLength = frameLength
        self.hop = hop
        self.rolloffFraction = rolloffFraction
        self.flatnessFloor = flatnessFloor
        self.minimumFrequency = minimumFrequency
        self.maximumFrequency = maximumFrequency
        self.troughThreshold = troughThreshold
        self.voicing = voicing
    }

    /// The parameters of the original Neurorack features (librosa 0.11 defaults at 22 050 Hz).
    public static let librosa = DescriptorSettings()

    /// ``librosa`` with the f0 curve voiced and held (``PitchVoicing/standard``): what the default
    /// model's training data and the bundled profiles were measured with.
    public static let profile = DescriptorSettings(voicing: .standard)

    /// ``librosa`` with the f0 curve voiced, held and unpitched on noise-like frames
    /// (``PitchVoicing/noiseUnpitched``): curves for a model trained on `training/voicing.py` mode `noise`.
    public static let noiseProfile = DescriptorSettings(voicing: .noiseUnpitched)

    /// The shortest YIN period in samples, ⌊sr / fmax⌋.
    public var minimumPeriod: Int { Int((Double(sampleRate) / maximumFrequency).rounded(.down)) }
    /// The longest YIN period in samples, min(⌈sr / fmin⌉, frameLength − 1).
    public var maximumPeriod: Int {
        min(Int((Double(sampleRate) / minimumFrequency).rounded(.up)), frameLength - 1)
    }

    /// The settings, after checking every value is usable.
    ///
    /// - Throws: `NeuroError` `.invalidData` naming the first bad field.
    public func validated() throws(NeuroError) -> DescriptorSettings {
        guard sampleRate > 0 else { throw NeuroError(.invalidData, "descriptor sampleRate must be > 0, got \(sampleRate)") }
        guard frameLength >= 8, frameLength & (frameLength - 1) == 0 else {
            throw NeuroError(.invalidData, "descriptor frameLength must be a power of two ≥ 8, got \(frameLength)")
        }
        guard hop > 0 else { throw NeuroError(.invalidData, "descriptor hop must be > 0, got \(hop)") }
        guard rolloffFraction > 0, rolloffFraction <= 1 else {
            throw NeuroError(.invalidData, "descriptor rolloffFraction must be in (0, 1], got \(rolloffFraction)")
        }
        guard flatnessFloor > 0, flatnessFloor.isFinite else {
            throw NeuroError(.invalidData, "descriptor flatnessFloor must be finite and > 0, got \(flatnessFloor)")
        }
        guard minimumFrequency > 0, minimumFrequency < maximumFrequency,
              maximumFrequency <= Double(sampleRate) / 2 else {
            throw NeuroError(.invalidData,
                "descriptor pitch range must satisfy 0 < minimumFrequency < maximumFrequency ≤ sampleRate/2, got \(minimumFrequency)…\(maximumFrequency)")
        }
        guard Double(sampleRate) / minimumFrequency < Double(frameLength - 1), minimumPeriod >= 1,
              maximumPeriod - minimumPeriod >= 2 else {
            throw NeuroError(.invalidData,
                "descriptor minimumFrequency \(minimumFrequency) Hz needs periods shorter than frameLength − 1 = \(frameLength - 1)")
        }
        guard troughThreshold.isFinite, troughThreshold > 0 else {
            throw NeuroError(.invalidData, "descriptor troughThreshold must be finite and > 0, got \(troughThreshold)")
        }
        _ = try voicing?.validated()
        return self
    }
}
