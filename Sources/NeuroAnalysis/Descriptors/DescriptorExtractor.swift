import NeuroCore
/// Measures the seven descriptors of a mono signal, frame by frame, with librosa parity.
///
/// Frame t is centred on sample t·hop (librosa `center=True`); a signal of n samples gives
/// `1 + n / hop` frames. rms, the STFT descriptors and YIN read zero-padded frames, the
/// zero-crossing rate edge-padded ones, as librosa 0.11 does:
/// - rms = √(mean x²) over the frame (from the zero-lag autocorrelation);
/// - zcr: see `ZeroCrossingCounter`;
/// - roll-off, flatness, bandwidth, centroid: see `SpectralShape` (periodic Hann, |STFT|);
/// - f0: see `YinPitchEstimator`.
///
/// All arithmetic is double precision; results are rounded to `Float` at the end. The
/// extractor is immutable and `Sendable`; each call allocates its work buffers once, never per frame.
/// ``DescriptorStream`` measures a signal that arrives in blocks (the same frames).
public struct DescriptorExtractor: Sendable {
    /// The analysis parameters.
    public let settings: DescriptorSettings
    /// The analysis, copied by each call or stream.
    let analyzerTemplate: FrameAnalyzer

    /// Prepares the analysis (window, twiddles, bin frequencies).
    ///
    /// - Throws: `NeuroError` `.invalidData` when `settings` are unusable.
    public init(settings: DescriptorSettings = .librosa) throws(NeuroError) {
        let settings = try settings.validated()
        self.settings = settings
        analyzerTemplate = try FrameAnalyzer(settings: settings)
    }

    /// The number of frames of a signal of `sampleCount` samples.
    public func frameCount(sampleCount: Int) -> Int { analyzerTemplate.frameLayout.frameCount(signalLength: sampleCount) }

    /// The descriptor frames of `signal` (mono, at ``DescriptorSettings/sampleRate``).
    ///
    /// - Throws: `NeuroError` `.invalidData` when the signal is empty or holds NaN or infinity.
    public func frames(of signal: [Float]) throws(NeuroError) -> [ControlFrame] {
        var stream = DescriptorStream(extractor: self)
        try stream.append(signal)
        return try stream.finish()
    }

    /// The descriptor curves of `signal` as a profile named `name`.
    ///
    /// - Throws: `NeuroError` `.invalidData` when the signal is empty or holds NaN or infinity.
    public func profile(of signal: [Float], name: String) throws(NeuroError) -> ImpactProfile {
        ImpactProfile(name: name, frames: try frames(of: signal), sampleRate: settings.sampleRate, hop: settings.hop)
    }
}
