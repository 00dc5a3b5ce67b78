import Foundation
import NeuroCore
import NeuroAudio

extension DescriptorExtractor {
    /// Frames of audio read per block by ``profile(ofFileAt:name:blockFrames:)``: 65 536.
    public static let streamingBlockFrames = 1 << 16

    /// Reads a WAV file as the analysis expects it: channels averaged to mono (as
    /// `librosa.load(mono=True)`), then resampled to ``DescriptorSettings/sampleRate``.
    ///
    /// The resampler is ours (Kaiser polyphase), not soxr, so the signal differs from
    /// `librosa.load`'s by about 1e-4; the descriptors are compared on identical signals.
    ///
    /// - Throws: `NeuroError` `.missingInput` / `.invalidData` from the WAV reader.
    public func loadSignal(from url: URL) throws(NeuroError) -> [Float] {
        let mono = try WAVReader.read(from: url).audio.downmixedToMono()
        guard mono.format.sampleRate != settings.sampleRate else { return mono.samples }
        return try Resampler(from: mono.format.sampleRate, to: settings.sampleRate).resample(mono.samples)
    }

    /// The descriptor curves of the WAV file at `url`, read, mixed to mono, resampled and measured
    /// block by block: memory stays at a few blocks and the curves whatever the file's length, and
    /// the frames equal those of ``profile(of:name:)`` on ``loadSignal(from:)``'s signal.
    ///
    /// - Parameter blockFrames: frames read per block (the default suits every file; tests vary it).
    /// - Throws: `NeuroError` `.missingInput` / `.invalidData` from the WAV reader, `.invalidData`
    ///   for an empty file.
    public func profile(ofFileAt url: URL, name: String, blockFrames: Int = streamingBlockFrames) throws(NeuroError) -> ImpactProfile {
        try profile(ofFileAt: url, name: name, waveformColumns: 0, blockFrames: blockFrames).profile
    }

    /// The descriptor curves of the WAV file at `url`, as ``profile(ofFileAt:name:blockFrames:)``
    /// measures them, and the min/max envelope of its signal in `waveformColumns` columns, both
    /// made in one pass while the file streams by (memory: the curves, the columns, a few blocks).
    ///
    /// - Throws: as ``profile(ofFileAt:name:blockFrames:)``.
    public func profile(
        ofFileAt url: URL, name: String, waveformColumns: Int, blockFrames: Int = streamingBlockFrames
    ) throws(NeuroError) -> (profile: ImpactProfile, waveform: WaveformEnvelope) {
        var signal = try AnalysisSignalStream(url: url, sampleRate: settings.sampleRate, blockFrames: blockFrames)
        var stream = DescriptorStream(extractor: self)
        var waveform = WaveformEnvelope(columnCount: waveformColumns, sampleCount: signal.sampleCount)
        while let block = try signal.next() {
            try stream.append(block)
            waveform.append(block)
        }
        let profile = ImpactProfile(name: name, frames: try stream.finish(), sampleRate: settings.sampleRate, hop: settings.hop)
        return (profile, waveform)
    }
}
