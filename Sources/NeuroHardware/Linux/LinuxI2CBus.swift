#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// An I2C bus through Linux's i2c-dev node (`/dev/i2c-N`), with plain Glibc system calls.
///
/// Writes select the chip with `I2C_SLAVE` and `write(2)`; register reads are one `I2C_RDWR`
/// call with two messages (write the register pointer, repeated start, read), so no other
/// master can slip in between. Opening checks with `I2C_FUNCS` that the node is an I2C adapter.
///
/// Needs read-write access to the node: the `i2c` group on Debian/Ubuntu (docs/DRIVERS.md).
public final class LinuxI2CBus: I2CBus {
    /// The node, for example `/dev/i2c-1`.
    public let path: String
    private let file: DeviceFile
    private let selectAndWrite = Mutex(())

    /// What to do when the node is missing.
    static let enableHint =
        "enable I2C and load i2c-dev (`sudo modprobe i2c-dev`; the Jetson Nano's header pins 3/5 are /dev/i2c-1)"

    /// Opens the adapter at `path`.
    ///
    /// - Throws: ``HardwareError`` — `.missingDevice` (with how to enable I2C), `.permissionDenied`,
    ///   `.wrongDeviceKind` when `path` is not an I2C adapter.
    public init(path: String) throws(HardwareError) {
        file = try DeviceFile(path: path, enableHint: Self.enableHint)
        self.path = path
        var functions: UInt = 0
        let result = withUnsafeMutablePointer(to: &functions) { ioctl(file.descriptor, I2CKernelABI.functions, $0) }
        guard result == 0 else { throw HardwareError.transfer(path, operation: "I2C_FUNCS", errno: errno) }
        guard functions & I2CKernelABI.plainI2CFunction != 0 else {
            throw HardwareError(.wrongDeviceKind, device: path, operation: "I2C_FUNCS", hint: "the adapter cannot do plain I2C messages (I2C_RDWR)")
        }
    }

    /// Opens `/dev/i2c-<number>`.
    public convenience init(busNumber: Int) throws(HardwareError) {
        try self.init(path: "/dev/i2c-\(busNumber)")
    }

    /// Writes `bytes` to `address` (`I2C_SLAVE`, then `write(2)`).
    public func write(address: UInt8, bytes: [UInt8]) throws(HardwareError) {
        let device = deviceName(address: address)
        try Self.check(address: address, byteCount: bytes.count, device: device)
        try selectAndWrite.withLock { _ throws(HardwareError) in
            try file.control(I2CKernelABI.setAddress, value: Int32(address), operation: "I2C_SLAVE", device: device)
            try file.write(bytes, operation: "write \(bytes.count) bytes", device: device)
        }
    }

    /// Writes `bytes` and reads `readCount` bytes after a repeated start (one `I2C_RDWR`).
    public func writeRead(address: UInt8, bytes: [UInt8], readCount: Int) throws(HardwareError) -> [UInt8] {
        let device = deviceName(address: address)
        try Self.check(address: address, byteCount: bytes.count, device: device)
        try Self.check(address: address, byteCount: readCount, device: device)
        var outgoing = bytes
        var incoming = [UInt8](repeating: 0, count: readCount)
        let operation = "I2C_RDWR write \(bytes.count) read \(readCount) bytes"
        let outcome = outgoing.withUnsafeMutableBufferPointer { sent in
            incoming.withUnsafeMutableBufferPointer { received in
                var messages = KernelStruct(size: 2 * I2CKernelABI.Message.size)
                var count = 0
                if !bytes.isEmpty {
                    Self.storeMessage(in: &messages, index: count, address: address, flags: 0, buffer: sent)
                    count += 1
                }
                Self.storeMessage(in: &messages, index: count, address: address, flags: I2CKernelABI.readFlag, buffer: received)
                count += 1
                return messages.withPointer { pointer in
                    var request = KernelStruct(size: I2CKernelABI.ReadWriteData.size)
                    request.store(UInt64(UInt(bitPattern: pointer)), at: I2CKernelABI.ReadWriteData.messages)
                    request.store(UInt32(count), at: I2CKernelABI.ReadWriteData.count)
                    return Result { () throws(HardwareError) in
                        try file.control(I2CKernelABI.readWrite, &request, operation: operation, device: device)
                    }
                }
            }
        }
        _ = try outcome.get()
        return incoming
    }

    private static func storeMessage(
        in messages: inout KernelStruct, index: Int, address: UInt8, flags: UInt16, buffer: UnsafeMutableBufferPointer<UInt8>
    ) {
        let base = index * I2CKernelABI.Message.size
        messages.store(UInt16(address), at: base + I2CKernelABI.Message.address)
        messages.store(flags, at: base + I2CKernelABI.Message.flags)
        messages.store(UInt16(buffer.count), at: base + I2CKernelABI.Message.length)
        messages.store(UInt64(UInt(bitPattern: buffer.baseAddress)), at: base + I2CKernelABI.Message.buffer)
    }

    private static func check(address: UInt8, byteCount: Int, device: String) throws(HardwareError) {
        guard (0x03...0x77).contains(address) else {
            throw HardwareError(.invalidRequest, device: device, operation: "address", hint: "7-bit I2C addresses are 0x03–0x77")
        }
        guard byteCount <= I2CKernelABI.maxMessageBytes else {
            throw HardwareError(.invalidRequest, device: device, operation: "transfer \(byteCount) bytes", hint: "at most \(I2CKernelABI.maxMessageBytes) bytes per message")
        }
    }
}
