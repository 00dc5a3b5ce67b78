import NeuroCore

/// The RIFF/WAVE header of a file of `frameCount` frames: `fmt `, `fact` (float only) and the
/// `data` chunk header, so that the samples follow it directly.
struct WAVHeader {
    /// How samples are stored.
    var sampleFormat: WAVSampleFormat
    /// Rate and channels.
    var format: AudioFormat

    /// Bytes of the header: 44 for integer PCM, 58 for float (18-byte `fmt ` and a `fact` chunk).
    var size: Int { sampleFormat == .float32 ? 58 : 44 }

    /// Bytes of sample data for `frameCount` frames.
    func dataSize(frameCount: Int) -> Int { frameCount * format.channelCount * sampleFormat.bytesPerSample }

    /// The most frames a file can hold under RIFF's 4 GiB limit.
    var maxFrameCount: Int { (Int(UInt32.max) - size) / (format.channelCount * sampleFormat.bytesPerSample) }

    /// The header bytes for `frameCount` frames.
    ///
    /// - Precondition: `frameCount ≤ maxFrameCount`, `format.sampleRate · blockAlign` fits 32 bits.
    func bytes(frameCount: Int) -> [UInt8] {
        let dataSize = dataSize(frameCount: frameCount)
        let blockAlign = format.channelCount * sampleFormat.bytesPerSample
        let isFloat = sampleFormat == .float32
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        bytes.appendFourCC("RIFF")
        bytes.appendLittleEndian(UInt32(size - 8 + dataSize))
        bytes.appendFourCC("WAVE")
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
            bytes.appendFourCC("fact")
            bytes.appendLittleEndian(UInt32(4))
            bytes.appendLittleEndian(UInt32(frameCount))
        }
        bytes.appendFourCC("data")
        bytes.appendLittleEndian(UInt32(dataSize))
        return bytes
    }

    /// Checks that the format can be written at all.
    ///
    /// - Throws: `.invalidData` naming `name` when the channel count is not 1…65535 or the byte
    ///   rate does not fit the header's 32-bit field.
    func validate(name: String) throws(NeuroError) {
        guard (1...Int(UInt16.max)).contains(format.channelCount) else {
            throw NeuroError(.invalidData, "\(name): WAV needs 1…65535 channels, got \(format.channelCount)")
        }
        let byteRate = format.sampleRate * format.channelCount * sampleFormat.bytesPerSample
        guard format.sampleRate >= 1, byteRate <= Int(UInt32.max) else {
            throw NeuroError(.invalidData, "\(name): a sample rate of \(format.sampleRate) Hz does not fit a WAV header")
        }
    }
}
