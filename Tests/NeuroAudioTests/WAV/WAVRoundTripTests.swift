import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
@testable import NeuroAudio

@Suite struct WAVRoundTripTests {
    /// A deterministic test signal covering most of full scale.
    private func signal(frames: Int, channels: Int) -> AudioBuffer {
        let samples = (0..<frames * channels).map { index -> Float in
            let frame = index / channels, channel = index % channels
            return 0.9 * Float(sin(Double(frame) * 0.031 * Double(channel + 1))) + (channel == 0 ? 0.0001 : -0.0001)
        }
        return AudioBuffer(samples: samples, format: AudioFormat(sampleRate: 44_100, channelCount: channels))
    }

    @Test(arguments: WAVSampleFormat.allCases, [1, 2])
    func roundTripKeepsSamplesWithinHalfAStep(format: WAVSampleFormat, channels: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let original = signal(frames: 1_000, channels: channels)
        let file = directory.file("roundtrip.wav")
        try WAVWriter(sampleFormat: format, isDithered: false).write(original, to: file)
        let decoded = try WAVReader.read(from: file)

        #expect(decoded.sampleFormat == format)
        #expect(decoded.audio.format == original.format)
        #expect(decoded.audio.frameCount == 1_000)
        let step = format == .float32 ? 0 : 0.5 / format.integerScale
        let worst = zip(decoded.audio.samples, original.samples).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= step)
    }

    @Test(arguments: [WAVSampleFormat.int16, .int24])
    func ditheredRoundTripStaysWithinOneAndAHalfSteps(format: WAVSampleFormat) throws {
        let original = signal(frames: 2_000, channels: 1)
        let encoded = try WAVWriter(sampleFormat: format).encode(original, name: "memory")
        let decoded = try WAVReader.decode(encoded.bytes, name: "memory")
        let errors = zip(decoded.audio.samples, original.samples).map { Double($0 - $1) * Double(format.integerScale) }
        #expect(errors.map(abs).max()! <= 1.5)
        let meanError = errors.reduce(0, +) / Double(errors.count)
        #expect(abs(meanError) < 0.1, "dither must not bias the signal")
        let rmsError = (errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)).squareRoot()
        #expect(rmsError > 0.4 && rmsError < 0.8, "TPDF dither plus rounding gives about 0.5 LSB rms, got \(rmsError)")
    }

    @Test func ditherKeepsDigitalSilenceSilent() throws {
        let silence = AudioBuffer(mono: [Float](repeating: 0, count: 500), sampleRate: 22_050)
        let encoded = try WAVWriter(sampleFormat: .int16).encode(silence, name: "memory")
        #expect(try WAVReader.decode(encoded.bytes, name: "memory").audio.samples.allSatisfy { $0 == 0 })
    }

    @Test func ditherIsDeterministic() throws {
        let audio = signal(frames: 300, channels: 2)
        let writer = WAVWriter(sampleFormat: .int16)
        #expect(try writer.encode(audio, name: "a").bytes == writer.encode(audio, name: "b").bytes)
    }

    @Test(arguments: [WAVSampleFormat.int16, .int24])
    func integerFormatsClipAndCount(format: WAVSampleFormat) throws {
        let audio = AudioBuffer(mono: [1.5, -2, 0.25, 1, -1], sampleRate: 8_000)
        let encoded = try WAVWriter(sampleFormat: format, isDithered: false).encode(audio, name: "memory")
        #expect(encoded.clippedSampleCount == 2)
        let samples = try WAVReader.decode(encoded.bytes, name: "memory").audio.samples
        let top = (format.integerScale - 1) / format.integerScale
        #expect(samples == [top, -1, 0.25, top, -1])
    }

    @Test func floatKeepsValuesBeyondFullScale() throws {
        let audio = AudioBuffer(mono: [1.5, -2, 0.125], sampleRate: 48_000)
        let encoded = try WAVWriter(sampleFormat: .float32).encode(audio, name: "memory")
        #expect(encoded.clippedSampleCount == 0)
        #expect(try WAVReader.decode(encoded.bytes, name: "memory").audio.samples == [1.5, -2, 0.125])
    }

    @Test(arguments: [(UInt16(1), UInt16(24)), (UInt16(3), UInt16(32)), (UInt16(1), UInt16(16))])
    func readsExtensibleHeaders(subformat: UInt16, bits: UInt16) throws {
        var builder = WAVBytes()
        builder.extensibleSubformat = subformat
        builder.channelCount = 2
        builder.bitsPerSample = bits
        builder.sampleRate = 48_000
        let frameBytes = Int(bits / 8) * 2
        builder.data = [UInt8](repeating: 0, count: frameBytes * 3)
        if subformat == 3 {
            builder.data.replaceSubrange(0..<4, with: Float(0.5).bitPattern.littleEndianBytes)
        } else {
            builder.data[Int(bits / 8) - 1] = 0x40
        }
        let contents = try WAVReader.decode(builder.bytes, name: "ext.wav")
        #expect(contents.audio.format == AudioFormat(sampleRate: 48_000, channelCount: 2))
        #expect(contents.audio.frameCount == 3)
        #expect(contents.audio.samples[0] == 0.5)
    }

    @Test func skipsUnknownChunksAndOddPadding() throws {
        var builder = WAVBytes()
        builder.leadingChunks = Array("LIST".utf8) + [3, 0, 0, 0, 65, 66, 67, 0]
        builder.data = [0x00, 0x40, 0x00, 0xC0]
        #expect(try WAVReader.decode(builder.bytes, name: "list.wav").audio.samples == [0.5, -0.5])
    }

    @Test func downmixAveragesChannels() {
        let stereo = AudioBuffer(channels: [[1, 0.5, -1], [0, 0.5, 1]], sampleRate: 22_050)
        let mono = stereo.downmixedToMono()
        #expect(mono.format.channelCount == 1)
        #expect(mono.samples == [0.5, 0.5, 0])
        #expect(stereo.channel(1) == [0, 0.5, 1])
    }
}

extension UInt32 {
    /// The four little-endian bytes.
    fileprivate var littleEndianBytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: self >> (8 * $0)) } }
}
