import NeuroCore
/// Measures the descriptors of a signal that arrives in blocks, keeping only the samples that
/// frames still to be measured need (about one frame), so hours of audio take little memory.
///
/// Each frame is measured as soon as its window has arrived, by the same code on the same
/// samples as a whole signal would be, so the frames equal ``DescriptorExtractor/frames(of:)``
/// (which is this stream fed with one block) whatever the block sizes. With
/// ``DescriptorSettings/voicing`` set, ``finish()`` voices and holds the f0 curve (it needs the
/// whole curve); the frames measured so far always carry YIN's raw f0.
public struct DescriptorStream: Sendable {
    private var analyzer: FrameAnalyzer
    private let voicing: PitchVoicing?
    private var window: [Float] = []
    private var origin = 0
    private var received = 0
    private var measured: [ControlFrame] = []
    /// YIN's aperiodicity of each measured frame, kept only when the settings voice f0.
    private var aperiodicity: [Float] = []

    /// Samples no longer needed are dropped once this many have gathered.
    private static let compactionThreshold = 1 << 16

    /// A stream measured with `extractor`'s settings.
    public init(extractor: DescriptorExtractor) {
        analyzer = extractor.analyzerTemplate
        voicing = extractor.settings.voicing
    }

    /// Appends the next `samples` (mono, at the extractor's rate) and measures every frame whose
    /// window they complete.
    ///
    /// - Throws: `.invalidData` naming the signal sample when one is NaN or infinite.
    public mutating func append(_ samples: [Float]) throws(NeuroError) {
        if let bad = samples.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.invalidData, "signal sample \(received + bad) is \(samples[bad]); expected finite audio")
        }
        window.append(contentsOf: samples)
        received += samples.count
        let (framing, available) = (analyzer.frameLayout, received)
        measure { framing.frameStart($0) + framing.frameLength <= available }
        let needed = max(framing.frameStart(measured.count), 0)
        if needed - origin >= Self.compactionThreshold {
            window.removeFirst(needed - origin)
            origin = needed
        }
    }

    /// Measures the frames that reach past the end of the signal and returns all of them, with the
    /// f0 curve voiced when the settings ask for it.
    ///
    /// - Throws: `.invalidData` when no sample was appended.
    public mutating func finish() throws(NeuroError) -> [ControlFrame] {
        guard received > 0 else { throw NeuroError(.invalidData, "cannot describe an empty signal") }
        let count = analyzer.frameLayout.frameCount(signalLength: received)
        measure { $0 < count }
        return voicing?.apply(to: measured, aperiodicity: aperiodicity) ?? measured
    }

    /// Measures frames from the next one on while `isReady` says their window is available.
    private mutating func measure(while isReady: (Int) -> Bool) {
        let (origin, length, keepsAperiodicity) = (origin, received, voicing != nil)
        var analyzer = analyzer
        var measured = measured
        var aperiodicity = aperiodicity
        window.withUnsafeBufferPointer { samples in
            let signal = SignalWindow(samples: samples, origin: origin, length: length)
            while isReady(measured.count) {
                var (frame, frameAperiodicity) = analyzer.measure(frame: measured.count, of: signal)
                frame.zcr = Float(ZeroCrossingCounter.rate(frame: measured.count, of: signal, framing: analyzer.frameLayout))
                measured.append(frame)
                if keepsAperiodicity {
                    aperiodicity.append(frameAperiodicity)
                }
            }
        }
        self.analyzer = analyzer
        self.measured = measured
        self.aperiodicity = aperiodicity
    }
}
