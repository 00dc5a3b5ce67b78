import NeuroCore
/// Little-endian reads and writes of the integer fields in RIFF/WAV headers.
struct LittleEndianBytes {
    /// The bytes being read.
    let bytes: [UInt8]

    /// The unsigned 16-bit value at `offset`.
    func uint16(at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The unsigned 32-bit value at `offset`.
    func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }

    /// The four-character code at `offset`, with non-printable bytes shown as `?`.
    func fourCC(at offset: Int) -> String {
        String(decoding: bytes[offset..<offset + 4].map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Appends `value` as two little-endian bytes.
    mutating func appendLittleEndian(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends `value` as four little-endian bytes.
    mutating func appendLittleEndian(_ value: UInt32) {
        appendLittleEndian(UInt16(truncatingIfNeeded: value))
        appendLittleEndian(UInt16(truncatingIfNeeded: value >> 16))
    }

    /// Appends the ASCII characters of a four-character code.
    mutating func appendFourCC(_ code: String) {
        append(contentsOf: Array(code.utf8))
    }
}
