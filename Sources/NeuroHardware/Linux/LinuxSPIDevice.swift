#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NeuroFiles

/// An SPI peripheral through Linux's spidev node (`/dev/spidevB.C`), written with
/// `SPI_IOC_MESSAGE` and plain Glibc `ioctl`.
///
/// Opening sets the mode (`SPI_IOC_WR_MODE`), 8 bits per word and the clock
/// (`SPI_IOC_WR_MAX_SPEED_HZ`). Writes longer than spidev's buffer (the `bufsiz` module
/// parameter, 4096 bytes by default) go out as several transfers, chip select released between.
///
/// Needs read-write access to the node: the `spi` group, or a udev rule (docs/DRIVERS.md).
public final class LinuxSPIDevice: SPIDevice {
    /// The node, for example `/dev/spidev0.0`.
    public let path: String
    /// The clock in hertz.
    public let speedHz: UInt32
    /// The SPI mode (0–3: clock polarity and phase).
    public let mode: UInt8
    /// The longest single transfer, from `/sys/module/spidev/parameters/bufsiz` or 4096.
    public let maxTransferBytes: Int
    private let file: DeviceFile

    /// What to do when the node is missing.
    static let enableHint =
        "enable spidev (Jetson Nano: `sudo /opt/nvidia/jetson-io/jetson-io.py`, configure the header for SPI1, reboot; the screen is /dev/spidev0.0)"

    /// Opens `path` and configures mode, word size and clock.
    ///
    /// - Throws: ``HardwareError`` — `.missingDevice` (with how to enable spidev),
    ///   `.permissionDenied`, `.wrongDeviceKind` when `path` is not a spidev node,
    ///   `.invalidRequest` for a mode above 3 or a zero clock.
    public init(path: String, speedHz: UInt32, mode: UInt8) throws(HardwareError) {
        guard mode <= 3, speedHz > 0 else {
            throw HardwareError(.invalidRequest, device: path, operation: "configure", hint: "SPI mode is 0–3 and the clock above 0 Hz")
        }
        file = try DeviceFile(path: path, enableHint: Self.enableHint)
        self.path = path
        self.speedHz = speedHz
        self.mode = mode
        maxTransferBytes = Self.kernelBufferSize()
        var modeArgument = KernelStruct(size: 1)
        modeArgument.store(mode, at: 0)
        try file.control(SPIKernelABI.writeMode, &modeArgument, operation: "SPI_IOC_WR_MODE")
        var bitsArgument = KernelStruct(size: 1)
        bitsArgument.store(UInt8(8), at: 0)
        try file.control(SPIKernelABI.writeBitsPerWord, &bitsArgument, operation: "SPI_IOC_WR_BITS_PER_WORD")
        var speedArgument = KernelStruct(size: 4)
        speedArgument.store(speedHz, at: 0)
        try file.control(SPIKernelABI.writeMaxSpeed, &speedArgument, operation: "SPI_IOC_WR_MAX_SPEED_HZ")
    }

    /// Clocks out `bytes`, in transfers of at most ``maxTransferBytes``.
    public func write(_ bytes: [UInt8]) throws(HardwareError) {
        for range in Self.transferRanges(byteCount: bytes.count, maxTransferBytes: maxTransferBytes) {
            try transfer(Array(bytes[range]))
        }
    }

    /// The consecutive ranges of at most `maxTransferBytes` that cover `byteCount` bytes.
    static func transferRanges(byteCount: Int, maxTransferBytes: Int) -> [Range<Int>] {
        stride(from: 0, to: byteCount, by: max(1, maxTransferBytes)).map { $0..<min(byteCount, $0 + max(1, maxTransferBytes)) }
    }

    private func transfer(_ chunk: [UInt8]) throws(HardwareError) {
        let outcome = chunk.withUnsafeBytes { buffer in
            var transfer = KernelStruct(size: SPIKernelABI.Transfer.size)
            transfer.store(UInt64(UInt(bitPattern: buffer.baseAddress)), at: SPIKernelABI.Transfer.transmitBuffer)
            transfer.store(UInt32(buffer.count), at: SPIKernelABI.Transfer.length)
            transfer.store(speedHz, at: SPIKernelABI.Transfer.speedHertz)
            transfer.store(UInt8(8), at: SPIKernelABI.Transfer.bitsPerWord)
            return Result { () throws(HardwareError) in
                try file.control(SPIKernelABI.message(count: 1), &transfer, operation: "SPI_IOC_MESSAGE \(buffer.count) bytes")
            }
        }
        let sent = try outcome.get()
        guard Int(sent) == chunk.count else {
            throw HardwareError(.transferFailed, device: path, operation: "SPI_IOC_MESSAGE", hint: "sent \(sent) of \(chunk.count) bytes")
        }
    }

    /// spidev's `bufsiz` parameter of the running kernel, or its default.
    static func kernelBufferSize() -> Int {
        guard let data = try? InputFile.contents(atPath: SPIKernelABI.bufferSizeParameter, limit: 64),
            let value = Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), value > 0
        else { return SPIKernelABI.defaultBufferSize }
        return value
    }
}
