import Foundation

/// A minimal PNG reader for the tests: 8-bit RGB, zlib with stored or fixed-Huffman blocks,
/// filters None/Sub/Up; it checks every CRC and the Adler-32 and fails loudly otherwise.
struct PNGTestDecoder {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var width = 0
    var height = 0
    /// The pixels as 8-bit (red, green, blue), row-major.
    var rgb: [UInt8] = []

    init(_ file: [UInt8]) throws {
        guard file.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Failure(description: "no PNG signature") }
        var offset = 8
        var compressed: [UInt8] = []
        var sawEnd = false
        while offset + 12 <= file.count, !sawEnd {
            let length = Int(Self.bigEndian(file, offset))
            let type = String(decoding: file[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(file[offset + 8..<offset + 8 + length])
            let crc = Self.bigEndian(file, offset + 8 + length)
            guard crc == Self.crc32(Array(file[offset + 4..<offset + 8 + length])) else { throw Failure(description: "bad CRC in \(type)") }
            switch type {
            case "IHDR":
                width = Int(Self.bigEndian(data, 0))
                height = Int(Self.bigEndian(data, 4))
                guard Array(data[8...]) == [8, 2, 0, 0, 0] else { throw Failure(description: "not 8-bit RGB") }
            case "IDAT": compressed += data
            case "IEND": sawEnd = true
            default: break
            }
            offset += 12 + length
        }
        guard sawEnd else { throw Failure(description: "no IEND") }
        let raw = try Self.zlibInflate(compressed)
        let rowBytes = width * 3
        guard raw.count == height * (rowBytes + 1) else { throw Failure(description: "\(raw.count) bytes of scanlines") }
        var previous = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            let filter = raw[y * (rowBytes + 1)]
            var row = Array(raw[y * (rowBytes + 1) + 1..<(y + 1) * (rowBytes + 1)])
            for index in row.indices {
                switch filter {
                case 0: break
                case 1: row[index] &+= index >= 3 ? row[index - 3] : 0
                case 2: row[index] &+= previous[index]
                default: throw Failure(description: "filter \(filter)")
                }
            }
            rgb += row
            previous = row
        }
    }

    static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func zlibInflate(_ stream: [UInt8]) throws -> [UInt8] {
        guard stream.count >= 6, stream[0] & 0x0F == 8, (UInt32(stream[0]) << 8 | UInt32(stream[1])) % 31 == 0 else {
            throw Failure(description: "bad zlib header")
        }
        var reader = BitReader(bytes: Array(stream.dropFirst(2)))
        var output: [UInt8] = []
        var isFinal = false
        while !isFinal {
            isFinal = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let length = try reader.bits(16)
                _ = try reader.bits(16)
                for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
            case 1:
                try inflateFixedBlock(&reader, into: &output)
            default:
                throw Failure(description: "unsupported block type")
            }
        }
        reader.alignToByte()
        let adler = try (0..<4).reduce(UInt32(0)) { value, _ in value << 8 | UInt32(try reader.bits(8)) }
        guard adler == adler32(output) else { throw Failure(description: "bad Adler-32") }
        return output
    }

    /// Adler-32 the slow way (modulo after every byte).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var low: UInt32 = 1, high: UInt32 = 0
        for byte in bytes {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        return high << 16 | low
    }

    private static func inflateFixedBlock(_ reader: inout BitReader, into output: inout [UInt8]) throws {
        let bases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        while true {
            var code = try reader.huffmanBits(7)
            let symbol: Int
            if code <= 0x17 {
                symbol = code + 256
            } else {
                code = code << 1 | (try reader.bits(1))
                if (0x30...0xBF).contains(code) {
                    symbol = code - 0x30
                } else if (0xC0...0xC7).contains(code) {
                    symbol = code - 0xC0 + 280
                } else {
                    code = code << 1 | (try reader.bits(1))
                    symbol = code - 0x190 + 144
                }
            }
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthCode = symbol - 257
                let length = bases[lengthCode] + (try reader.bits(extras[lengthCode]))
                let distanceCode = try reader.huffmanBits(5)
                let distanceExtra = distanceCode < 4 ? 0 : distanceCode / 2 - 1
                let distance = distanceBases[distanceCode] + (try reader.bits(distanceExtra))
                guard distance <= output.count else { throw Failure(description: "distance beyond the output") }
                for _ in 0..<length { output.append(output[output.count - distance]) }
            }
        }
    }
}

private struct BitReader {
    let bytes: [UInt8]
    var bitPosition = 0

    mutating func bits(_ count: Int) throws -> Int {
        var value = 0
        for bit in 0..<count {
            guard bitPosition / 8 < bytes.count else { throw PNGTestDecoder.Failure(description: "stream ends early") }
            value |= Int((bytes[bitPosition / 8] >> (bitPosition % 8)) & 1) << bit
            bitPosition += 1
        }
        return value
    }

    /// A Huffman code's bits, first bit most significant.
    mutating func huffmanBits(_ count: Int) throws -> Int {
        var value = 0
        for _ in 0..<count { value = value << 1 | (try bits(1)) }
        return value
    }

    mutating func alignToByte() {
        bitPosition = (bitPosition + 7) / 8 * 8
    }
}
