import Foundation
import Testing
import NeuroCore
import NeuroAudio
import NeuroTestSupport
@testable import NeuroAnalysis

/// Regression (issue 13, defect 6): `describe` held a whole 2-hour WAV in memory (3.7 GB). The
/// streamed analysis must give exactly the frames of the in-memory one, for any block size.
@Suite struct DescriptorStreamTests {
    /// A few seconds of a decaying chirp plus noise, `channelCount` channels that differ.
    private func audio(sampleRate: Int, channelCount: Int, seconds: Double) -> AudioBuffer {
        var generator = SplitMix64(seed: 13)
        let count = Int(seconds * Double(sampleRate))
        let channels = (0..<channelCount).map { channel in
            (0..<count).map { index -> Float in
                let time = Double(index) / Double(sampleRate)
                let tone = sin(2 * Double.pi * (110 + 400 * time) * time * Double(channel + 1)) * exp(-time)
                return Float(0.5 * tone) + 0.05 * (generator.nextUnitFloat() - 0.5)
            }
        }
        return AudioBuffer(channels: channels, sampleRate: sampleRate)
    }

    /// The bit patterns of every value (NaN marks undefined values, so `==` would not do).
    private func bits(_ frames: [ControlFrame]) -> [UInt32] {
        frames.flatMap { frame in Descriptor.allCases.map { frame[$0].bitPattern } }
    }

    @Test(arguments: [(44_100, 2, WAVSampleFormat.int16), (22_050, 1, .float32), (48_000, 1, .int24)])
    func streamedFileGivesTheFramesOfTheWholeSignal(sampleRate: Int, channelCount: Int, sampleFormat: WAVSampleFormat) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("long.wav")
        _ = try WAVWriter(sampleFormat: sampleFormat, isDithered: false)
            .write(audio(sampleRate: sampleRate, channelCount: channelCount, seconds: 3.1), to: url)
        let extractor = try DescriptorExtractor()
        let whole = try extractor.profile(of: extractor.loadSignal(from: url), name: "long")
        for blockFrames in [1, 997, 4_096, DescriptorExtractor.streamingBlockFrames] {
            let streamed = try extractor.profile(ofFileAt: url, name: "long", blockFrames: blockFrames)
            #expect(streamed.frames.count == whole.frames.count && streamed.name == whole.name)
            #expect(bits(streamed.frames) == bits(whole.frames), "block of \(blockFrames) frames")
        }
    }

    /// `describe --format svg` streams too: the waveform envelope made while the file streams by
    /// equals the envelope of the whole signal, and the curves are the streamed ones.
    @Test func streamedFileGivesTheWaveformEnvelopeOfTheWholeSignal() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("stereo.wav")
        _ = try WAVWriter(sampleFormat: .int16, isDithered: false).write(audio(sampleRate: 44_100, channelCount: 2, seconds: 2.3), to: url)
        let extractor = try DescriptorExtractor()
        let signal = try extractor.loadSignal(from: url)
        for blockFrames in [997, DescriptorExtractor.streamingBlockFrames] {
            let (profile, waveform) = try extractor.profile(ofFileAt: url, name: "stereo", waveformColumns: 750, blockFrames: blockFrames)
            #expect(waveform.sampleCount == signal.count)
            #expect(waveform == WaveformEnvelope(columnCount: 750, samples: signal), "block of \(blockFrames) frames")
            #expect(bits(profile.frames) == bits(try extractor.profile(ofFileAt: url, name: "stereo", blockFrames: blockFrames).frames))
        }
    }

    @Test func blocksOfAnySizeGiveTheFramesOfOneBlock() throws {
        let extractor = try DescriptorExtractor()
        let signal = audio(sampleRate: 22_050, channelCount: 1, seconds: 7).samples
        let whole = try extractor.frames(of: signal)
        var stream = DescriptorStream(extractor: extractor)
        var start = 0, size = 1
        while start < signal.count {
            try stream.append(Array(signal[start..<min(start + size, signal.count)]))
            start += size
            size = size * 3 % 70_001 + 1
        }
        #expect(bits(try stream.finish()) == bits(whole))
    }

    @Test func errorsNameTheSampleAndTheFile() throws {
        var stream = DescriptorStream(extractor: try DescriptorExtractor())
        try stream.append([0, 0.5])
        #expect(throws: NeuroError(.invalidData, "signal sample 3 is nan; expected finite audio")) { try stream.append([0, .nan]) }
        var empty = DescriptorStream(extractor: try DescriptorExtractor())
        #expect(throws: NeuroError(.invalidData, "cannot describe an empty signal")) { try empty.finish() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("short.wav")
        try Data("RIFF".utf8).write(to: url)
        #expect(throws: NeuroError.self) { try DescriptorExtractor().profile(ofFileAt: url, name: "short") }
        #expect(throws: NeuroError(.missingInput, "\(directory.url.path): is a directory, not a file")) {
            try DescriptorExtractor().profile(ofFileAt: directory.url, name: "x")
        }
    }
}
