import Foundation
import NeuroCore
import NeuroFiles

/// Writes whole WAV files in 16/24-bit integer PCM or 32-bit float, atomically.
///
/// Integer formats clip samples to full scale (and count the clipped samples) and, unless
/// turned off, add triangular (TPDF) dither of ±1 LSB before rounding; exact zeros stay zero,
/// so digital silence stays silent. The dither noise comes from a fixed seed, so the same
/// audio always gives the same file. NaN or infinite samples are refused before any byte is
/// written. ``WAVFileSink`` writes the same bytes period by period.
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
    /// - Throws: `.invalidData` when a sample is NaN or infinite or the format cannot be stored,
    ///   `.cannotWrite` when the audio is too long for the 4 GiB limit of RIFF.
    public func encode(_ audio: AudioBuffer, name: String) throws(NeuroError) -> Encoded {
        let channelCount = audio.format.channelCount
        if let bad = audio.samples.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(
                .invalidData,
                "\(name): refusing to write sample \(bad / channelCount) of channel \(bad % channelCount): it is NaN or infinite")
        }
        let header = WAVHeader(sampleFormat: sampleFormat, format: audio.format)
        try header.validate(name: name)
        guard audio.frameCount <= header.maxFrameCount else {
            throw NeuroError(
                .cannotWrite, "\(name): \(header.dataSize(frameCount: audio.frameCount)) bytes of samples exceed the 4 GiB limit of WAV")
        }
        var bytes = header.bytes(frameCount: audio.frameCount)
        let headerSize = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: header.dataSize(frameCount: audio.frameCount)))
        var encoder = WAVSampleEncoder(sampleFormat: sampleFormat, isDithered: isDithered)
        let clipped = bytes.withUnsafeMutableBytes { raw in
            unsafe encoder.encode(audio.samples.span, into: UnsafeMutableRawBufferPointer(rebasing: raw[headerSize...]))
        }
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
}
