/// A small DEFLATE (RFC 1951) compressor: one block with the fixed Huffman codes, and
/// back-references of distance 1 for runs of a repeated byte.
///
/// That is all a screen image needs once PNG's filters have turned flat areas into runs of
/// zeros: a menu page compresses to a few kilobytes instead of 170.
enum Deflate {
    /// The zlib stream (RFC 1950) of `data`: header, the deflated data, Adler-32 trailer.
    static func zlibStream(_ data: [UInt8]) -> [UInt8] {
        // 0x78 0x01: deflate with a 32 KiB window, no dictionary, header check divisible by 31.
        var stream: [UInt8] = [0x78, 0x01]
        stream += compress(data)
        let adler = Checksums.adler32(data)
        stream += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return stream
    }

    /// The raw DEFLATE data of `data`: a single final block with the fixed codes.
    static func compress(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(bits: 1, count: 1)  // BFINAL
        writer.write(bits: 1, count: 2)  // BTYPE 01: fixed Huffman codes
        var index = 0
        while index < data.count {
            var run = 0
            if index > 0 {
                while run < maximumLength, index + run < data.count, data[index + run] == data[index - 1] { run += 1 }
            }
            if run >= minimumLength {
                writeLength(run, to: &writer)
                writer.writeCode(0, length: 5)  // distance code 0: distance 1, no extra bits
                index += run
            } else {
                writeLiteral(Int(data[index]), to: &writer)
                index += 1
            }
        }
        writeLiteral(256, to: &writer)  // end of block
        return writer.finish()
    }

    private static let minimumLength = 3
    private static let maximumLength = 258
    private static let lengthBases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

    /// Writes literal/length symbol `symbol` (0…287) with its fixed code (RFC 1951 §3.2.6).
    private static func writeLiteral(_ symbol: Int, to writer: inout BitWriter) {
        switch symbol {
        case 0...143: writer.writeCode(0x30 + symbol, length: 8)
        case 144...255: writer.writeCode(0x190 + symbol - 144, length: 9)
        case 256...279: writer.writeCode(symbol - 256, length: 7)
        default: writer.writeCode(0xC0 + symbol - 280, length: 8)
        }
    }

    /// Writes a match length (3…258): its length symbol, then the extra bits.
    private static func writeLength(_ length: Int, to writer: inout BitWriter) {
        let code = lengthBases.lastIndex { $0 <= length } ?? 0
        writeLiteral(257 + code, to: &writer)
        writer.write(bits: length - lengthBases[code], count: lengthExtraBits[code])
    }
}

/// Packs bits least-significant first into bytes, as DEFLATE streams are laid out.
private struct BitWriter {
    private var bytes: [UInt8] = []
    private var pending: UInt32 = 0
    private var pendingCount = 0

    /// Appends the low `count` bits of `bits`, lowest first (headers and extra bits).
    mutating func write(bits: Int, count: Int) {
        pending |= UInt32(bits) << pendingCount
        pendingCount += count
        while pendingCount >= 8 {
            bytes.append(UInt8(pending & 0xFF))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Appends a Huffman code of `length` bits, most significant bit first.
    mutating func writeCode(_ code: Int, length: Int) {
        var reversed = 0
        for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
        write(bits: reversed, count: length)
    }

    /// The bytes, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        if pendingCount > 0 { bytes.append(UInt8(pending & 0xFF)) }
        pending = 0
        pendingCount = 0
        return bytes
    }
}
