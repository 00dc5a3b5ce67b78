import Foundation
import NeuroCore
import NeuroAudio

/// The signal of a WAV file as the analysis takes it (channels averaged to mono, resampled to the
/// analysis rate), block by block: memory stays at a few blocks whatever the file's length.
///
/// The blocks put together equal ``DescriptorExtractor/loadSignal(from:)``'s signal.
public struct AnalysisSignalStream {
    /// The number of samples the whole signal has (known from the WAV header before any is read).
    public let sampleCount: Int

    private var file: WAVFileStream
    private let resampler: Resampler?
    private let blockFrames: Int
    private var input: [Float] = []
    private var origin = 0
    private var received = 0
    private var produced = 0
    private var isFinished = false

    /// Opens the WAV file at `url` for a signal at `sampleRate`, read `blockFrames` frames at a time.
    ///
    /// - Throws: `NeuroError` `.missingInput` / `.invalidData` from the WAV reader or the resampler.
    public init(url: URL, sampleRate: Int, blockFrames: Int) throws(NeuroError) {
        file = try WAVFileStream(url: url)
        resampler = file.format.sampleRate == sampleRate ? nil : try Resampler(from: file.format.sampleRate, to: sampleRate)
        sampleCount = resampler?.outputCount(forInputCount: file.frameCount) ?? file.frameCount
        self.blockFrames = blockFrames
    }

    /// The next samples of the signal (possibly none while the resampler waits for input), or
    /// `nil` after the last.
    ///
    /// - Throws: `NeuroError` `.missingInput` / `.invalidData` from the WAV reader.
    public mutating func next() throws(NeuroError) -> [Float]? {
        guard !isFinished else { return nil }
        let block = try file.next(maxFrames: blockFrames)?.downmixedToMono().samples
        guard let resampler else {
            isFinished = block == nil
            return block
        }
        if let block {
            input.append(contentsOf: block)
            received += block.count
        } else {
            isFinished = true
        }
        let available = resampler.availableOutputCount(finalInputCount: received, isComplete: block == nil)
        guard available > produced else { return isFinished ? nil : [] }
        var output = [Float](repeating: 0, count: available - produced)
        var span = output.mutableSpan
        resampler.resample(input.span, from: origin, inputCount: received, outputRange: produced..<available, into: &span)
        produced = available
        let needed = min(resampler.firstInputIndex(forOutput: produced), received)
        input.removeFirst(needed - origin)
        origin = needed
        return output
    }
}
