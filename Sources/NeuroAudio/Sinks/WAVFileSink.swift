import Foundation
import NeuroCore
import NeuroFiles

/// An `AudioSink` that streams periods into a WAV file, written atomically: the samples go to
/// a temporary file next to the destination, which ``finish()`` completes and renames into place.
///
/// The bytes equal those ``WAVWriter`` writes for the same audio (same dither sequence). A
/// failed write (disk full) is remembered, later periods are dropped, and ``finish()`` throws
/// and leaves no file. Not for a device's audio thread: writes block on the disk.
public final class WAVFileSink: AudioSink, @unchecked Sendable {
    /// The file to write.
    public let url: URL
    /// How samples are stored.
    public let sampleFormat: WAVSampleFormat
    /// Samples beyond full scale that were clipped (integer formats), or not finite and written as silence.
    public private(set) var clippedSampleCount = 0
    private let isDithered: Bool
    private var file: PendingFile?
    private var header: WAVHeader?
    private var encoder: WAVSampleEncoder
    private var bytes: [UInt8] = []
    private var frameCount = 0
    private var writeErrno: Int32 = 0
    private var overflowed = false

    /// Creates a sink for `url`; nothing is opened before ``prepare(format:maxFrameCount:)``.
    public init(url: URL, sampleFormat: WAVSampleFormat, isDithered: Bool = true) {
        self.url = url
        self.sampleFormat = sampleFormat
        self.isDithered = isDithered
        encoder = WAVSampleEncoder(sampleFormat: sampleFormat, isDithered: isDithered)
    }

    /// Creates the temporary file, writes a provisional header and allocates one period of bytes.
    ///
    /// - Throws: `.invalidData` for a format WAV cannot hold, `.cannotWrite` when the file cannot be created.
    public func prepare(format: AudioFormat, maxFrameCount: Int) throws(NeuroError) {
        let header = WAVHeader(sampleFormat: sampleFormat, format: format)
        try header.validate(name: url.path)
        file?.abandon()
        let file = try PendingFile(destination: url)
        let status = header.bytes(frameCount: 0).withUnsafeBytes { unsafe file.append($0) }
        guard status == 0 else {
            file.abandon()
            throw file.error(errno: status)
        }
        self.file = file
        self.header = header
        encoder = WAVSampleEncoder(sampleFormat: sampleFormat, isDithered: isDithered)
        bytes = [UInt8](repeating: 0, count: max(maxFrameCount, 1) * format.channelCount * sampleFormat.bytesPerSample)
        frameCount = 0
        clippedSampleCount = 0
        writeErrno = 0
        overflowed = false
    }

    /// Encodes and appends one period; returns `false` (and drops it) after a failure.
    public func write(_ samples: Span<Float>) -> Bool {
        guard let file, let header, writeErrno == 0, !overflowed else { return false }
        let frames = samples.count / header.format.channelCount
        guard samples.count * sampleFormat.bytesPerSample <= bytes.count, frameCount + frames <= header.maxFrameCount else {
            overflowed = true
            return false
        }
        let byteCount = samples.count * sampleFormat.bytesPerSample
        let status = bytes.withUnsafeMutableBytes { raw in
            clippedSampleCount += unsafe encoder.encode(samples, into: raw)
            return unsafe file.append(UnsafeRawBufferPointer(rebasing: raw[0..<byteCount]))
        }
        guard status == 0 else {
            writeErrno = status
            return false
        }
        frameCount += frames
        return true
    }

    /// Writes the final header, flushes and renames the file into place.
    ///
    /// - Throws: `.cannotWrite` when a period could not be written (disk full, a period longer
    ///   than prepared, the 4 GiB limit) or the file cannot be completed; no file is left then.
    public func finish() throws(NeuroError) {
        guard let file, let header else { return }
        self.file = nil
        if writeErrno != 0 {
            file.abandon()
            throw file.error(errno: writeErrno)
        }
        if overflowed {
            file.abandon()
            throw NeuroError(.cannotWrite, "cannot write \(url.path): a period was longer than prepared or the file reached the 4 GiB limit of WAV")
        }
        let status = header.bytes(frameCount: frameCount).withUnsafeBytes { unsafe file.write($0, at: 0) }
        guard status == 0 else {
            file.abandon()
            throw file.error(errno: status)
        }
        try file.commit()
    }
}
