/// An SPI peripheral that the host only writes to (a display).
///
/// ``LinuxSPIDevice`` drives `/dev/spidevB.C` and splits long writes into transfers the kernel
/// accepts; ``SimulatedST7789`` decodes the bytes like the real controller.
///
/// - Important: Not real-time: blocking system calls.
public protocol SPIDevice: AnyObject, Sendable {
    /// The device's name in errors (`/dev/spidev0.0`).
    var path: String { get }

    /// Clocks out `bytes` with chip select held for each transfer.
    ///
    /// - Throws: ``HardwareError`` naming the device and the operation.
    func write(_ bytes: [UInt8]) throws(HardwareError)
}
