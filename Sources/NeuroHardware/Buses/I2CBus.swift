/// An I2C bus master: plain writes and register reads (a write, a repeated start, a read).
///
/// ``LinuxI2CBus`` drives `/dev/i2c-N`; ``SimulatedI2CBus`` routes the same transfers to
/// simulated chips. Implementations do not retry; drivers wrap transfers in a ``RetryPolicy``.
///
/// - Important: Not real-time: every call is a blocking system call or takes a lock.
public protocol I2CBus: AnyObject, Sendable {
    /// The bus's name in errors (`/dev/i2c-1`).
    var path: String { get }

    /// Writes `bytes` to the 7-bit `address` in one transfer (START, address+W, bytes, STOP).
    ///
    /// - Throws: ``HardwareError`` naming the bus, the address and the operation.
    func write(address: UInt8, bytes: [UInt8]) throws(HardwareError)

    /// Writes `bytes`, then reads `readCount` bytes after a repeated start, without a STOP between.
    ///
    /// - Returns: exactly `readCount` bytes.
    /// - Throws: ``HardwareError`` naming the bus, the address and the operation.
    func writeRead(address: UInt8, bytes: [UInt8], readCount: Int) throws(HardwareError) -> [UInt8]
}

extension I2CBus {
    /// The device name used in errors for the chip at `address` (`/dev/i2c-1 0x48`).
    public func deviceName(address: UInt8) -> String {
        let hex = String(address, radix: 16, uppercase: true)
        return "\(path) 0x\(address < 0x10 ? "0" : "")\(hex)"
    }
}

extension I2CBus {
    /// Reads `count` bytes from consecutive registers starting at `register` (pointer write,
    /// repeated start, read).
    ///
    /// - Throws: ``HardwareError``; `.unexpectedResponse` when the bus returned another length.
    public func readRegisters(address: UInt8, register: UInt8, count: Int) throws(HardwareError) -> [UInt8] {
        let bytes = try writeRead(address: address, bytes: [register], readCount: count)
        guard bytes.count == count else {
            throw HardwareError(
                .unexpectedResponse, device: deviceName(address: address), operation: "read register 0x\(String(register, radix: 16))",
                hint: "expected \(count) bytes, got \(bytes.count)")
        }
        return bytes
    }

    /// Writes `bytes` to consecutive registers starting at `register`.
    public func writeRegisters(address: UInt8, register: UInt8, bytes: [UInt8]) throws(HardwareError) {
        try write(address: address, bytes: [register] + bytes)
    }
}
