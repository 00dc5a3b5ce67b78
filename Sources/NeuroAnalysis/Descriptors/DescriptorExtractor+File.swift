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
        var file = try WAVFileStream(url: url)
        var stream = DescriptorStream(extractor: self)
        let resampler = file.format.sampleRate == settings.sampleRate
            ? nil : try Resampler(from: file.format.sampleRate, to: settings.sampleRate)
        var input: [Float] = []
        var origin = 0, received = 0, produced = 0
        while true {
            let block = try file.next(maxFrames: blockFrames)?.downmixedToMono().samples
            guard let resampler else {
                guard let block else { break }
                try stream.append(block)
                continue
            }
            if let block {
                input.append(contentsOf: block)
                received += block.count
            }
            let available = resampler.availableOutputCount(finalInputCount: received, isComplete: block == nil)
            if available > produced {
                var output = [Float](repeating: 0, count: available - produced)
                var span = output.mutableSpan
                resampler.resample(input.span, from: origin, inputCount: received, outputRange: produced..<available, into: &span)
                try stream.append(output)
                produced = available
                let needed = min(resampler.firstInputIndex(forOutput: produced), received)
                input.removeFirst(needed - origin)
                origin = needed
            }
            if block == nil { break }
        }
        return ImpactProfile(name: name, frames: try stream.finish(), sampleRate: settings.sampleRate, hop: settings.hop)
    }
}
