/// The two checksums a PNG file needs: CRC-32 over each chunk, Adler-32 over the zlib stream.
enum Checksums {
    /// The CRC-32 of ISO 3309 / ITU-T V.42 (reflected polynomial 0xEDB88320), as PNG chunks use it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc = ~UInt32(0)
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }

    /// The Adler-32 of RFC 1950 (two sums modulo 65521), as the zlib trailer holds it.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65_521
        var low: UInt32 = 1, high: UInt32 = 0
        var start = 0
        while start < bytes.count {
            // 5552 is the longest run whose sums cannot overflow 32 bits before the modulo.
            let end = min(start + 5_552, bytes.count)
            for index in start..<end {
                low += UInt32(bytes[index])
                high += low
            }
            low %= modulus
            high %= modulus
            start = end
        }
        return high << 16 | low
    }

    private static let crcTable: [UInt32] = (0..<256).map { entry in
        (0..<8).reduce(UInt32(entry)) { crc, _ in crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }
}
