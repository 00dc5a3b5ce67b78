import Foundation
import NeuroCore
import NeuroAudio

extension DescriptorExtractor {
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
}
