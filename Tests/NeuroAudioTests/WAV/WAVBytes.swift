import NeuroCore
/// Builds WAV files byte by byte for tests, including malformed and extensible ones.
struct WAVBytes {
    var formatTag: UInt16 = 1
    var channelCount: UInt16 = 1
    var sampleRate: UInt32 = 22_050
    var bitsPerSample: UInt16 = 16
    var blockAlign: UInt16?
    var byteRate: UInt32?
    /// When set, the `fmt ` chunk is WAVE_FORMAT_EXTENSIBLE with this sub-format tag.
    var extensibleSubformat: UInt16?
    var data: [UInt8] = []
    /// Overrides the size field of the `data` chunk.
    var declaredDataSize: UInt32?
    /// Extra chunks inserted before `fmt `.
    var leadingChunks: [UInt8] = []

    var bytes: [UInt8] {
        let align = blockAlign ?? channelCount * (bitsPerSample / 8)
        var fmt: [UInt8] = []
        append16(extensibleSubformat == nil ? formatTag : 0xFFFE, to: &fmt)
        append16(channelCount, to: &fmt)
        append32(sampleRate, to: &fmt)
        append32(byteRate ?? sampleRate * UInt32(align), to: &fmt)
        append16(align, to: &fmt)
        append16(bitsPerSample, to: &fmt)
        if let subformat = extensibleSubformat {
            append16(22, to: &fmt)
            append16(bitsPerSample, to: &fmt)
            append32(channelCount == 2 ? 3 : 4, to: &fmt)
            append16(subformat, to: &fmt)
            fmt += [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        }
        var body: [UInt8] = Array("WAVE".utf8) + leadingChunks
        body += Array("fmt ".utf8)
        append32(UInt32(fmt.count), to: &body)
        body += fmt
        body += Array("data".utf8)
        append32(declaredDataSize ?? UInt32(data.count), to: &body)
        body += data
        if data.count % 2 == 1 { body.append(0) }
        var file: [UInt8] = Array("RIFF".utf8)
        append32(UInt32(body.count), to: &file)
        return file + body
    }

    private func append16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    private func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        append16(UInt16(value & 0xFFFF), to: &bytes)
        append16(UInt16(value >> 16), to: &bytes)
    }
}
