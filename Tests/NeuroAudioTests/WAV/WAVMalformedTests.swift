import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
@testable import NeuroAudio

@Suite struct WAVMalformedTests {
    private var valid: WAVBytes {
        var builder = WAVBytes()
        builder.data = [0x00, 0x40, 0x00, 0xC0, 0x00, 0x00, 0x01, 0x00]
        return builder
    }

    /// Decodes `bytes` as `bad.wav` and returns the error message, or nil when it decoded.
    private func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try WAVReader.decode(bytes, name: "bad.wav")
            return nil
        } catch {
            #expect(error.kind == .invalidData)
            #expect(error.message.hasPrefix("bad.wav: "))
            return error.message
        }
    }

    @Test func validFileDecodes() {
        #expect(failure(valid.bytes) == nil)
    }

    /// Regression (hostile test): a header claiming 1–2 GHz or 1 Hz made `describe` ask the
    /// resampler for gigabytes; such rates are now refused at the header.
    @Test(arguments: [UInt32(1), 999, 1_500_000_000, 768_001])
    func implausibleSampleRatesAreRefused(rate: UInt32) {
        var builder = valid
        builder.sampleRate = rate
        builder.byteRate = rate &* 2
        #expect(failure(builder.bytes)?.contains("sample rate \(rate) Hz is outside 1000…768000 Hz") == true)
    }

    @Test func truncatedHeader() {
        #expect(failure(Array(valid.bytes.prefix(10)))?.contains("truncated header") == true)
        #expect(failure([])?.contains("truncated header") == true)
    }

    @Test func truncatedFile() {
        let bytes = valid.bytes
        #expect(failure(Array(bytes.prefix(bytes.count - 3)))?.contains("truncated") == true)
        #expect(failure(Array(bytes.prefix(30)))?.contains("truncated") == true)
    }

    @Test func dataChunkSizeBeyondTheFile() {
        var builder = valid
        builder.declaredDataSize = 1_000_000
        var bytes = builder.bytes
        let riffSize = UInt32(bytes.count - 8)
        bytes.replaceSubrange(4..<8, with: (0..<4).map { UInt8(truncatingIfNeeded: riffSize >> (8 * $0)) })
        #expect(failure(bytes)?.contains("chunk 'data' at byte 36 declares 1000000 bytes") == true)
    }

    @Test func zeroChannels() {
        var builder = valid
        builder.channelCount = 0
        builder.blockAlign = 2
        #expect(failure(builder.bytes)?.contains("zero channels") == true)
    }

    @Test func unsupportedFormats() {
        var eightBit = valid
        eightBit.bitsPerSample = 8
        #expect(failure(eightBit.bytes)?.contains("unsupported format: 8-bit integer PCM") == true)
        var adpcm = valid
        adpcm.formatTag = 2
        #expect(failure(adpcm.bytes)?.contains("format tag 0x2") == true)
        var double = valid
        double.formatTag = 3
        double.bitsPerSample = 64
        #expect(failure(double.bytes)?.contains("64-bit float") == true)
        var unknownGUID = valid
        unknownGUID.extensibleSubformat = 1
        var bytes = unknownGUID.bytes
        bytes[12 + 8 + 26] ^= 0xFF
        #expect(failure(bytes)?.contains("unknown sub-format GUID") == true)
    }

    @Test func inconsistentBlockAlignAndByteRate() {
        var odd = valid
        odd.blockAlign = 3
        #expect(failure(odd.bytes)?.contains("block align 3 does not match 1 channels × 2 bytes") == true)
        var rate = valid
        rate.byteRate = 12_345
        #expect(failure(rate.bytes)?.contains("byte rate 12345") == true)
    }

    @Test func partialFrameInData() {
        var builder = valid
        builder.channelCount = 2
        builder.data = [0, 0, 0, 0, 0, 0]
        #expect(failure(builder.bytes)?.contains("not a whole number of 4-byte frames") == true)
    }

    @Test func missingOrMisplacedChunks() {
        var bytes = Array("RIFF".utf8) + [4, 0, 0, 0] + Array("WAVE".utf8)
        #expect(failure(bytes)?.contains("no 'fmt ' chunk") == true)
        bytes = Array(valid.bytes.prefix(36))
        bytes.replaceSubrange(4..<8, with: [28, 0, 0, 0])
        #expect(failure(bytes)?.contains("no 'data' chunk") == true)
        var dataFirst = Array("RIFF".utf8) + [16, 0, 0, 0] + Array("WAVE".utf8)
        dataFirst += Array("data".utf8) + [4, 0, 0, 0, 0, 0, 0, 0]
        #expect(failure(dataFirst)?.contains("'data' chunk comes before the 'fmt ' chunk") == true)
    }

    @Test func garbageIsNotAWAVFile() {
        var generator = SplitMix64(seed: 7)
        let garbage = (0..<200).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(failure(garbage)?.contains("not a WAV file") == true)
        var wrongForm = valid.bytes
        wrongForm.replaceSubrange(8..<12, with: Array("AVI ".utf8))
        #expect(failure(wrongForm)?.contains("form type is 'AVI '") == true)
    }

    @Test func nonFiniteFloatSamplesAreRejected() {
        var builder = WAVBytes()
        builder.formatTag = 3
        builder.bitsPerSample = 32
        builder.data = [0, 0, 0, 0] + (0..<4).map { UInt8(truncatingIfNeeded: Float.nan.bitPattern >> (8 * $0)) }
        #expect(failure(builder.bytes)?.contains("sample 1 of channel 0 is NaN or infinite") == true)
    }

    @Test func randomCorruptionNeverCrashes() {
        var generator = SplitMix64(seed: 42)
        let original = valid.bytes
        for _ in 0..<300 {
            var bytes = original
            let position = Int(generator.next() % UInt64(bytes.count))
            bytes[position] = UInt8(truncatingIfNeeded: generator.next())
            let length = Int(generator.next() % UInt64(bytes.count + 1))
            _ = try? WAVReader.decode(Array(bytes.prefix(length)), name: "fuzz.wav")
        }
    }

    @Test func missingFileIsMissingInput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: NeuroError.self) { try WAVReader.read(from: directory.file("absent.wav")) }
        #expect(error?.kind == .missingInput)
        #expect(error?.message.contains("absent.wav") == true)
    }
}
