import NeuroCore
/// The per-frame work of ``DescriptorExtractor``: its buffers are allocated once per signal.
struct FrameAnalyzer: Sendable {
    private let framing: CenteredFraming
    private let shape: SpectralShape
    private var transform: FrameTransform
    private var pitch: YinPitchEstimator
    private var frame: [Double]
    private var magnitudes: [Double]
    private var autocorrelation: [Double]

    /// Prepares the analysis for `settings` (already validated).
    init(settings: DescriptorSettings) throws(NeuroError) {
        framing = CenteredFraming(frameLength: settings.frameLength, hop: settings.hop)
        shape = SpectralShape(
            sampleRate: settings.sampleRate, frameLength: settings.frameLength,
            rolloffFraction: settings.rolloffFraction, flatnessFloor: settings.flatnessFloor)
        transform = try FrameTransform(frameLength: settings.frameLength)
        pitch = YinPitchEstimator(settings: settings)
        frame = Array(repeating: 0, count: settings.frameLength)
        magnitudes = Array(repeating: 0, count: transform.binCount)
        autocorrelation = Array(repeating: 0, count: pitch.lagCount)
    }

    /// The frame layout.
    var frameLayout: CenteredFraming { framing }

    /// Measures rms, the spectral descriptors and f0 of frame `index` of `signal` (`zcr` is left 0),
    /// and YIN's aperiodicity of the frame.
    mutating func measure(frame index: Int, of signal: SignalWindow) -> (frame: ControlFrame, aperiodicity: Float) {
        frame.withUnsafeMutableBufferPointer { framing.copyFrame(index, of: signal, into: $0) }
        frame.withUnsafeBufferPointer { transform.transform($0) }
        magnitudes.withUnsafeMutableBufferPointer { transform.hannMagnitudes(into: $0) }
        autocorrelation.withUnsafeMutableBufferPointer { transform.autocorrelation(into: $0) }
        // Σx² is the zero-lag autocorrelation.
        let rms = (max(autocorrelation[0], 0) / Double(framing.frameLength)).squareRoot()
        let spectral = magnitudes.withUnsafeBufferPointer { shape.measure($0) }
        let pitch = frame.withUnsafeBufferPointer { frame in
            autocorrelation.withUnsafeBufferPointer { self.pitch.estimate(of: frame, autocorrelation: $0) }
        }
        let measured = ControlFrame(
            rms: Float(rms), zcr: 0, rolloff: Float(spectral.rolloff), flatness: Float(spectral.flatness),
            bandwidth: Float(spectral.bandwidth), centroid: Float(spectral.centroid), f0: Float(pitch.fundamental))
        return (measured, Float(pitch.aperiodicity))
    }
}
