#if canImport(Glibc)
import Glibc
#endif

/// Which GPIO character-device interface a line was requested through.
public enum GPIOInterfaceVersion: Sendable, Equatable {
    /// The line API of Linux 5.10 and later (`GPIO_V2_GET_LINE_IOCTL`).
    case v2
    /// The handle/event API of older kernels (`GPIO_GET_LINEEVENT_IOCTL`, `GPIO_GET_LINEHANDLE_IOCTL`).
    case v1
}

/// A GPIO controller through Linux's character device (`/dev/gpiochipN`).
///
/// Lines are requested with the v2 ioctl; a kernel that does not know it (`ENOTTY`/`EINVAL`,
/// as the Jetson Nano's 4.9 kernel) gets the v1 requests instead. Opening checks the node with
/// `GPIO_GET_CHIPINFO_IOCTL`. Needs read-write access: the `gpio` group (docs/DRIVERS.md).
public final class LinuxGPIOChip: Sendable {
    /// The node, for example `/dev/gpiochip0`.
    public let path: String
    /// The kernel's name of the chip (`gpiochip0`).
    public let name: String
    /// The driver's label (`tegra-gpio` on the Jetson Nano).
    public let label: String
    /// How many lines the chip has.
    public let lineCount: Int
    private let file: DeviceFile

    /// What to do when the node is missing.
    static let enableHint =
        "the kernel's GPIO character device is missing (CONFIG_GPIO_CDEV; the Jetson Nano's header GPIOs are on /dev/gpiochip0, tegra-gpio)"

    /// Opens the chip at `path`.
    ///
    /// - Throws: ``HardwareError`` — `.missingDevice`, `.permissionDenied`, `.wrongDeviceKind`
    ///   when `path` is not a GPIO chip.
    public init(path: String) throws(HardwareError) {
        file = try DeviceFile(path: path, enableHint: Self.enableHint)
        self.path = path
        var info = KernelStruct(size: GPIOKernelABI.ChipInfo.size)
        try file.control(GPIOKernelABI.chipInfo, &info, operation: "GPIO_GET_CHIPINFO_IOCTL")
        name = info.loadString(at: GPIOKernelABI.ChipInfo.name, capacity: GPIOKernelABI.nameSize)
        label = info.loadString(at: GPIOKernelABI.ChipInfo.label, capacity: GPIOKernelABI.nameSize)
        lineCount = Int(info.load(UInt32.self, at: GPIOKernelABI.ChipInfo.lines))
    }

    /// Requests line `offset` as an input reporting both edges.
    ///
    /// - Parameter pullUp: asks for the internal pull-up (v2 only; v1 kernels ignore bias).
    /// - Throws: ``HardwareError`` — `.invalidRequest` for an offset the chip does not have;
    ///   `EBUSY` (`.transferFailed`) when another program holds the line.
    public func inputLine(offset: Int, consumer: String = "neurorack", pullUp: Bool = false) throws(HardwareError) -> LinuxGPIOInputLine {
        let lineName = try checkedName(offset)
        var request = KernelStruct(size: GPIOKernelABI.V2LineRequest.size)
        let flags = GPIOKernelABI.V2Flag.input | GPIOKernelABI.V2Flag.edgeRising | GPIOKernelABI.V2Flag.edgeFalling
            | (pullUp ? GPIOKernelABI.V2Flag.biasPullUp : 0)
        fillV2(&request, offset: offset, consumer: consumer, flags: flags)
        if let descriptor = try requestV2(&request, lineName: lineName) {
            return LinuxGPIOInputLine(file: DeviceFile(adopting: descriptor, name: lineName), version: .v2)
        }
        var legacy = KernelStruct(size: GPIOKernelABI.V1EventRequest.size)
        legacy.store(UInt32(offset), at: GPIOKernelABI.V1EventRequest.offset)
        legacy.store(GPIOKernelABI.v1RequestInput, at: GPIOKernelABI.V1EventRequest.handleFlags)
        legacy.store(GPIOKernelABI.v1BothEdges, at: GPIOKernelABI.V1EventRequest.eventFlags)
        legacy.storeString(consumer, at: GPIOKernelABI.V1EventRequest.consumer, capacity: GPIOKernelABI.nameSize)
        try file.control(GPIOKernelABI.v1GetLineEvent, &legacy, operation: "GPIO_GET_LINEEVENT_IOCTL", device: lineName)
        let descriptor = legacy.load(Int32.self, at: GPIOKernelABI.V1EventRequest.descriptor)
        return LinuxGPIOInputLine(file: DeviceFile(adopting: descriptor, name: lineName), version: .v1)
    }

    /// Requests line `offset` as an output driven to `initialLevel`.
    ///
    /// - Throws: ``HardwareError`` as ``inputLine(offset:consumer:pullUp:)``.
    public func outputLine(offset: Int, consumer: String = "neurorack", initialLevel: Bool = false) throws(HardwareError) -> LinuxGPIOOutputLine {
        let lineName = try checkedName(offset)
        var request = KernelStruct(size: GPIOKernelABI.V2LineRequest.size)
        fillV2(&request, offset: offset, consumer: consumer, flags: GPIOKernelABI.V2Flag.output)
        let attribute = GPIOKernelABI.V2LineRequest.configAttributes
        request.store(UInt32(1), at: GPIOKernelABI.V2LineRequest.configAttributeCount)
        request.store(GPIOKernelABI.v2OutputValuesAttribute, at: attribute + GPIOKernelABI.V2ConfigAttribute.id)
        request.store(UInt64(initialLevel ? 1 : 0), at: attribute + GPIOKernelABI.V2ConfigAttribute.value)
        request.store(UInt64(1), at: attribute + GPIOKernelABI.V2ConfigAttribute.mask)
        if let descriptor = try requestV2(&request, lineName: lineName) {
            return LinuxGPIOOutputLine(file: DeviceFile(adopting: descriptor, name: lineName), version: .v2)
        }
        var legacy = KernelStruct(size: GPIOKernelABI.V1HandleRequest.size)
        legacy.store(UInt32(offset), at: GPIOKernelABI.V1HandleRequest.offsets)
        legacy.store(GPIOKernelABI.v1RequestOutput, at: GPIOKernelABI.V1HandleRequest.flags)
        legacy.store(UInt8(initialLevel ? 1 : 0), at: GPIOKernelABI.V1HandleRequest.defaultValues)
        legacy.storeString(consumer, at: GPIOKernelABI.V1HandleRequest.consumer, capacity: GPIOKernelABI.nameSize)
        legacy.store(UInt32(1), at: GPIOKernelABI.V1HandleRequest.lineCount)
        try file.control(GPIOKernelABI.v1GetLineHandle, &legacy, operation: "GPIO_GET_LINEHANDLE_IOCTL", device: lineName)
        let descriptor = legacy.load(Int32.self, at: GPIOKernelABI.V1HandleRequest.descriptor)
        return LinuxGPIOOutputLine(file: DeviceFile(adopting: descriptor, name: lineName), version: .v1)
    }

    private func checkedName(_ offset: Int) throws(HardwareError) -> String {
        let lineName = "\(path) line \(offset)"
        guard (0..<lineCount).contains(offset) else {
            throw HardwareError(.invalidRequest, device: lineName, operation: "request line", hint: "\(label) has lines 0–\(lineCount - 1)")
        }
        return lineName
    }

    private func fillV2(_ request: inout KernelStruct, offset: Int, consumer: String, flags: UInt64) {
        request.store(UInt32(offset), at: GPIOKernelABI.V2LineRequest.offsets)
        request.storeString(consumer, at: GPIOKernelABI.V2LineRequest.consumer, capacity: GPIOKernelABI.nameSize)
        request.store(flags, at: GPIOKernelABI.V2LineRequest.configFlags)
        request.store(UInt32(1), at: GPIOKernelABI.V2LineRequest.lineCount)
    }

    /// The line's descriptor from the v2 request, or `nil` when the kernel has only v1.
    private func requestV2(_ request: inout KernelStruct, lineName: String) throws(HardwareError) -> Int32? {
        do {
            try file.control(GPIOKernelABI.v2GetLine, &request, operation: "GPIO_V2_GET_LINE_IOCTL", device: lineName)
        } catch where error.systemError == ENOTTY || error.systemError == EINVAL {
            return nil
        }
        return request.load(Int32.self, at: GPIOKernelABI.V2LineRequest.descriptor)
    }
}
