import Foundation
import NeuroCore
import NeuroFiles

/// Writes WAV files in 16/24-bit integer PCM or 32-bit float, atomically.
///
/// Integer formats clip samples to full scale (and count the clipped samples) and, unless
/// turned off, add triangular (TPDF) dither of ±1 LSB before rounding; exact zeros stay zero,
/// so digital silence stays silent. The dither noise comes from a fixed seed, so the same
/// audio always gives the same file. NaN or infinite samples are refused before any byte is
/// written.
public struct WAVWriter: Sendable {
    /// How samples are stored.
    public var sampleFormat: WAVSampleFormat
    /// Whether integer formats get TPDF dither (ignored for float).
    public var isDithered: Bool

    /// Creates a writer.
    public init(sampleFormat: WAVSampleFormat, isDithered: Bool = true) {
        self.sampleFormat = sampleFormat
        self.isDithered = isDithered
    }

    /// The bytes of a WAV file and how many samples had to be clipped to make them.
    public struct Encoded: Sendable {
        /// The complete file.
        public var bytes: [UInt8]
        /// Samples beyond ±1 that were clipped to full scale (always 0 for float).
        public var clippedSampleCount: Int
    }

    /// Encodes `audio` as a WAV file; `name` is used in error messages.
    ///
    /// - Throws: `.invalidData` when a sample is NaN or infinite, `.cannotWrite` when the audio
    ///   is too long for the 4 GiB limit of RIFF.
    public func encode(_ audio: AudioBuffer, name: String) throws(NeuroError) -> Encoded {
        let channelCount = audio.format.channelCount
        if let bad = audio.samples.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(
                .invalidData,
                "\(name): refusing to write sample \(bad / channelCount) of channel \(bad % channelCount): it is NaN or infinite")
        }
        let bytesPerSample = sampleFormat.bytesPerSample
        let dataSize = audio.samples.count * bytesPerSample
        let headerSize = sampleFormat == .float32 ? 58 : 44
        guard headerSize + dataSize <= Int(UInt32.max) else {
            throw NeuroError(.cannotWrite, "\(name): \(dataSize) bytes of samples exceed the 4 GiB limit of WAV")
        }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerSize + dataSize)
        bytes.appendFourCC("RIFF")
        bytes.appendLittleEndian(UInt32(headerSize - 8 + dataSize))
        bytes.appendFourCC("WAVE")
        appendFormatChunk(to: &bytes, format: audio.format)
        if sampleFormat == .float32 {
            bytes.appendFourCC("fact")
            bytes.appendLittleEndian(UInt32(4))
            bytes.appendLittleEndian(UInt32(audio.frameCount))
        }
        bytes.appendFourCC("data")
        bytes.appendLittleEndian(UInt32(dataSize))
        let clipped = appendSamples(audio.samples, to: &bytes)
        return Encoded(bytes: bytes, clippedSampleCount: clipped)
    }

    /// Encodes `audio` and writes it to `url` atomically (temporary file, then rename).
    ///
    /// - Returns: the number of clipped samples.
    /// - Throws: like ``encode(_:name:)``, and `.cannotWrite` when the file cannot be written;
    ///   no file (and no partial file) is left at `url` then, and an existing file is kept.
    @discardableResult
    public func write(_ audio: AudioBuffer, to url: URL) throws(NeuroError) -> Int {
        let encoded = try encode(audio, name: url.path)
        try AtomicFile.write(encoded.bytes, to: url)
        return encoded.clippedSampleCount
    }

    private func appendFormatChunk(to bytes: inout [UInt8], format: AudioFormat) {
        let blockAlign = format.channelCount * sampleFormat.bytesPerSample
        let isFloat = sampleFormat == .float32
        bytes.appendFourCC("fmt ")
        bytes.appendLittleEndian(UInt32(isFloat ? 18 : 16))
        bytes.appendLittleEndian(UInt16(isFloat ? 3 : 1))
        bytes.appendLittleEndian(UInt16(format.channelCount))
        bytes.appendLittleEndian(UInt32(format.sampleRate))
        bytes.appendLittleEndian(UInt32(format.sampleRate * blockAlign))
        bytes.appendLittleEndian(UInt16(blockAlign))
        bytes.appendLittleEndian(UInt16(sampleFormat.bitsPerSample))
        if isFloat {
            bytes.appendLittleEndian(UInt16(0))
        }
    }

    /// Appends the sample codes and returns how many samples were clipped.
    private func appendSamples(_ samples: [Float], to bytes: inout [UInt8]) -> Int {
        if sampleFormat == .float32 {
            for sample in samples {
                bytes.appendLittleEndian(sample.bitPattern)
            }
            return 0
        }
        let scale = sampleFormat.integerScale
        var generator = SplitMix64(seed: 0x5EED_D17E)
        var clipped = 0
        for sample in samples {
            var code = sample * scale
            if isDithered && sample != 0 {
                code += generator.nextUnitFloat() - generator.nextUnitFloat()
            }
            if abs(sample) > 1 {
                clipped += 1
            }
            let value = Int32(min(max(code.rounded(), -scale), scale - 1))
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
            if sampleFormat == .int24 {
                bytes.append(UInt8(truncatingIfNeeded: value >> 16))
            }
        }
        return clipped
    }
}
