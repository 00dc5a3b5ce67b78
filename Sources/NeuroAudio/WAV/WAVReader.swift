import Foundation
import NeuroCore
import NeuroFiles

/// Reads WAV files: 16/24-bit integer PCM and 32-bit float, plain or `WAVE_FORMAT_EXTENSIBLE`,
/// any channel count and sample rate.
///
/// Every header field is checked against the file before a sample is read; a malformed file
/// throws `.invalidData` with a message naming the file and the problem (truncated header,
/// chunk sizes beyond the file, zero channels, unsupported format, inconsistent block align,
/// NaN samples…). Unknown chunks (`LIST`, `fact`, `cue `…) are skipped.
public enum WAVReader {
    /// The sample rates a file may declare: 1 kHz to 768 kHz (beyond them a header is taken to lie).
    public static let sampleRates = 1_000...768_000

    /// The decoded contents of a WAV file.
    public struct Contents: Sendable, Equatable {
        /// The samples, as floats in −1…1 (integer codes are divided by 2^(bits−1)).
        public var audio: AudioBuffer
        /// How the samples were stored.
        public var sampleFormat: WAVSampleFormat
    }

    private static let extensibleTag: UInt16 = 0xFFFE
    private static let pcmTag: UInt16 = 1
    private static let floatTag: UInt16 = 3
    /// The 14 bytes after the format tag in the `KSDATAFORMAT_SUBTYPE_*` GUIDs.
    private static let subformatGUIDTail: [UInt8] = [
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
    ]

    /// Reads and decodes the WAV file at `url`.
    ///
    /// - Throws: `.missingInput` when the file does not exist or cannot be read,
    ///   `.invalidData` when it is not a valid WAV file of a supported format.
    public static func read(from url: URL) throws(NeuroError) -> Contents {
        try decode(Array(InputFile.contents(of: url)), name: url.path)
    }

    /// Decodes the bytes of a WAV file; `name` is used in error messages.
    public static func decode(_ bytes: [UInt8], name: String) throws(NeuroError) -> Contents {
        let reader = LittleEndianBytes(bytes: bytes)
        func fail(_ problem: String) -> NeuroError { NeuroError(.invalidData, "\(name): \(problem)") }

        guard bytes.count >= 12 else {
            throw fail("truncated header: \(bytes.count) bytes, a WAV file starts with a 12-byte RIFF header")
        }
        guard reader.fourCC(at: 0) == "RIFF" else {
            throw fail("not a WAV file: starts with '\(reader.fourCC(at: 0))', expected 'RIFF'")
        }
        guard reader.fourCC(at: 8) == "WAVE" else {
            throw fail("not a WAV file: RIFF form type is '\(reader.fourCC(at: 8))', expected 'WAVE'")
        }
        let riffEnd = 8 + Int(reader.uint32(at: 4))
        guard riffEnd <= bytes.count else {
            throw fail("truncated: the RIFF header declares \(riffEnd) bytes but the file has \(bytes.count)")
        }

        var layout: Layout?
        var offset = 12
        while offset + 8 <= riffEnd {
            let identifier = reader.fourCC(at: offset)
            let size = Int(reader.uint32(at: offset + 4))
            let body = offset + 8
            guard size <= riffEnd - body else {
                throw fail("chunk '\(identifier)' at byte \(offset) declares \(size) bytes but only \(riffEnd - body) remain")
            }
            switch identifier {
            case "fmt ":
                guard layout == nil else { throw fail("more than one 'fmt ' chunk") }
                layout = try parseFormat(reader, body: body, size: size, fail: fail)
            case "data":
                guard let layout else { throw fail("'data' chunk comes before the 'fmt ' chunk") }
                return Contents(
                    audio: try decodeSamples(reader, body: body, size: size, layout: layout, fail: fail),
                    sampleFormat: layout.sampleFormat)
            default:
                break
            }
            offset = body + size + (size & 1)
        }
        throw fail(layout == nil ? "no 'fmt ' chunk" : "no 'data' chunk")
    }

    /// What the `fmt ` chunk says (shared with ``WAVFileStream``).
    struct Layout {
        var sampleFormat: WAVSampleFormat
        var channelCount: Int
        var sampleRate: Int
    }

    /// Checks and reads the `fmt ` chunk whose body starts at `body`.
    static func parseFormat(
        _ reader: LittleEndianBytes, body: Int, size: Int, fail: (String) -> NeuroError
    ) throws(NeuroError) -> Layout {
        guard size >= 16 else { throw fail("'fmt ' chunk is \(size) bytes, needs at least 16") }
        var tag = reader.uint16(at: body)
        let channelCount = Int(reader.uint16(at: body + 2))
        let sampleRate = Int(reader.uint32(at: body + 4))
        let byteRate = Int(reader.uint32(at: body + 8))
        let blockAlign = Int(reader.uint16(at: body + 12))
        let bitsPerSample = Int(reader.uint16(at: body + 14))

        if tag == extensibleTag {
            guard size >= 40, reader.uint16(at: body + 16) >= 22 else {
                throw fail("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is \(size) bytes, needs 40 with a 22-byte extension")
            }
            let validBits = Int(reader.uint16(at: body + 18))
            guard validBits == bitsPerSample || validBits == 0 else {
                throw fail("unsupported format: \(validBits) valid bits in \(bitsPerSample)-bit containers")
            }
            guard Array(reader.bytes[(body + 26)..<(body + 40)]) == subformatGUIDTail else {
                throw fail("unsupported format: WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID")
            }
            tag = reader.uint16(at: body + 24)
        }
        guard channelCount > 0 else { throw fail("zero channels") }
        guard WAVReader.sampleRates.contains(sampleRate) else {
            throw fail("sample rate \(sampleRate) Hz is outside \(WAVReader.sampleRates.lowerBound)…\(WAVReader.sampleRates.upperBound) Hz")
        }
        let sampleFormat: WAVSampleFormat
        switch (tag, bitsPerSample) {
        case (pcmTag, 16): sampleFormat = .int16
        case (pcmTag, 24): sampleFormat = .int24
        case (floatTag, 32): sampleFormat = .float32
        case (pcmTag, _), (floatTag, _):
            let kind = tag == pcmTag ? "integer PCM" : "float"
            throw fail("unsupported format: \(bitsPerSample)-bit \(kind) (supported: 16/24-bit integer PCM, 32-bit float)")
        default:
            throw fail("unsupported format: format tag 0x\(String(tag, radix: 16)) (supported: PCM, IEEE float, extensible)")
        }
        let expectedBlockAlign = channelCount * sampleFormat.bytesPerSample
        guard blockAlign == expectedBlockAlign else {
            throw fail("block align \(blockAlign) does not match \(channelCount) channels × \(sampleFormat.bytesPerSample) bytes")
        }
        guard byteRate == sampleRate * blockAlign else {
            throw fail("byte rate \(byteRate) does not match sample rate \(sampleRate) × block align \(blockAlign)")
        }
        return Layout(sampleFormat: sampleFormat, channelCount: channelCount, sampleRate: sampleRate)
    }

    /// Decodes the `size` bytes of samples at `body`; `firstFrame` numbers the first frame in messages.
    static func decodeSamples(
        _ reader: LittleEndianBytes, body: Int, size: Int, layout: Layout, firstFrame: Int = 0, fail: (String) -> NeuroError
    ) throws(NeuroError) -> AudioBuffer {
        let bytesPerSample = layout.sampleFormat.bytesPerSample
        let blockAlign = layout.channelCount * bytesPerSample
        guard size % blockAlign == 0 else {
            throw fail("'data' chunk of \(size) bytes is not a whole number of \(blockAlign)-byte frames")
        }
        let count = size / bytesPerSample
        var samples = [Float](repeating: 0, count: count)
        let bytes = reader.bytes
        let scale = layout.sampleFormat.integerScale
        switch layout.sampleFormat {
        case .int16:
            for index in 0..<count {
                let code = Int16(bitPattern: reader.uint16(at: body + 2 * index))
                samples[index] = Float(code) / scale
            }
        case .int24:
            for index in 0..<count {
                let position = body + 3 * index
                let unsigned = Int32(bytes[position]) | Int32(bytes[position + 1]) << 8 | Int32(bytes[position + 2]) << 16
                samples[index] = Float((unsigned << 8) >> 8) / scale
            }
        case .float32:
            for index in 0..<count {
                let value = Float(bitPattern: reader.uint32(at: body + 4 * index))
                guard value.isFinite else {
                    throw fail("sample \(firstFrame + index / layout.channelCount) of channel \(index % layout.channelCount) is NaN or infinite")
                }
                samples[index] = value
            }
        }
        return AudioBuffer(samples: samples, format: AudioFormat(sampleRate: layout.sampleRate, channelCount: layout.channelCount))
    }
}
