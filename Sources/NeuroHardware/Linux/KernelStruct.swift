/// The bytes of a kernel ioctl argument, filled field by field at the C struct's offsets.
///
/// The offsets and sizes live in the `…KernelABI` enums next to the ioctl numbers, and a test
/// compiles the kernel headers to check every one of them, so no Swift struct layout is trusted.
struct KernelStruct {
    private(set) var bytes: [UInt8]

    /// A zeroed struct of `size` bytes.
    init(size: Int) {
        bytes = [UInt8](repeating: 0, count: size)
    }

    /// A struct with the bytes the kernel returned (for example an event read from a line).
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Stores `value` in native byte order at `offset`.
    mutating func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: offset, as: T.self) }
    }

    /// The value of type `T` at `offset`.
    func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// Stores `text` as a NUL-terminated C string in a `capacity`-byte field, truncated to fit.
    mutating func storeString(_ text: String, at offset: Int, capacity: Int) {
        for (index, byte) in text.utf8.prefix(capacity - 1).enumerated() { bytes[offset + index] = byte }
    }

    /// The NUL-terminated C string in the `capacity`-byte field at `offset`.
    func loadString(at offset: Int, capacity: Int) -> String {
        let field = bytes[offset..<(offset + capacity)]
        return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Calls `body` with the struct's address, for `ioctl`.
    mutating func withPointer<R>(_ body: (UnsafeMutableRawPointer) -> R) -> R {
        bytes.withUnsafeMutableBytes { body($0.baseAddress!) }
    }
}

/// Linux's `_IOC` encoding of ioctl request numbers (`asm-generic/ioctl.h`: 8 bits number,
/// 8 bits type, 14 bits size, 2 bits direction), the same on x86-64 and arm64.
enum IoctlRequest {
    /// `_IOC_WRITE`: user space writes the argument.
    static let write: UInt = 1
    /// `_IOC_READ`: the kernel fills the argument.
    static let read: UInt = 2

    /// `_IOC(direction, type, number, size)`.
    static func make(direction: UInt, type: UInt8, number: UInt8, size: Int) -> UInt {
        direction << 30 | UInt(size) << 16 | UInt(type) << 8 | UInt(number)
    }
}
