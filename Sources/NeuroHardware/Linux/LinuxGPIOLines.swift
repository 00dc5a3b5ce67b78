#if canImport(Glibc)
import Glibc
#endif

/// A GPIO input line from ``LinuxGPIOChip/inputLine(offset:consumer:pullUp:)``: levels by ioctl,
/// edges read from the line's descriptor after `poll`.
///
/// Event times are the kernel's, in `CLOCK_MONOTONIC` nanoseconds. Kernels before 5.7 stamp v1
/// events with `CLOCK_REALTIME`; such a stamp (more than an hour ahead of the monotonic clock)
/// is moved onto the monotonic clock by the difference of the two clocks when it is read.
public final class LinuxGPIOInputLine: GPIOInputLine {
    /// The chip's node and the line offset (`/dev/gpiochip0 line 50`).
    public var name: String { file.name }
    /// The interface the line was requested through.
    public let version: GPIOInterfaceVersion
    private let file: DeviceFile

    init(file: DeviceFile, version: GPIOInterfaceVersion) {
        self.file = file
        self.version = version
    }

    /// The current level.
    public func read() throws(HardwareError) -> Bool {
        try LinuxGPIOValues.read(file, version: version)
    }

    /// The next edge within `timeoutNanoseconds`, or `nil`.
    public func waitForEdge(timeoutNanoseconds: UInt64) throws(HardwareError) -> GPIOEdgeEvent? {
        guard try file.waitReadable(timeoutNanoseconds: timeoutNanoseconds, operation: "poll") else { return nil }
        let size = version == .v2 ? GPIOKernelABI.V2Event.size : GPIOKernelABI.V1Event.size
        let bytes = try file.read(count: size, operation: "read edge event")
        guard bytes.count == size else {
            throw HardwareError(.unexpectedResponse, device: name, operation: "read edge event", hint: "got \(bytes.count) of \(size) bytes")
        }
        let event = KernelStruct(bytes: bytes)
        let timestamp = event.load(UInt64.self, at: version == .v2 ? GPIOKernelABI.V2Event.timestamp : GPIOKernelABI.V1Event.timestamp)
        let id = event.load(UInt32.self, at: version == .v2 ? GPIOKernelABI.V2Event.id : GPIOKernelABI.V1Event.id)
        return GPIOEdgeEvent(edge: id == GPIOKernelABI.risingEdgeEvent ? .rising : .falling, timeNanoseconds: monotonic(timestamp))
    }

    /// `CLOCK_MONOTONIC` now, in nanoseconds.
    public func nowNanoseconds() -> UInt64 {
        Self.clock(CLOCK_MONOTONIC)
    }

    private func monotonic(_ timestamp: UInt64) -> UInt64 {
        let now = nowNanoseconds()
        guard timestamp > now &+ 3_600_000_000_000 else { return timestamp }
        let offset = Self.clock(CLOCK_REALTIME) &- now
        return timestamp &- offset
    }

    private static func clock(_ id: clockid_t) -> UInt64 {
        var time = timespec()
        clock_gettime(id, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

/// A GPIO output line from ``LinuxGPIOChip/outputLine(offset:consumer:initialLevel:)``.
public final class LinuxGPIOOutputLine: GPIOOutputLine {
    /// The chip's node and the line offset.
    public var name: String { file.name }
    /// The interface the line was requested through.
    public let version: GPIOInterfaceVersion
    private let file: DeviceFile

    init(file: DeviceFile, version: GPIOInterfaceVersion) {
        self.file = file
        self.version = version
    }

    /// Drives the line.
    public func set(_ level: Bool) throws(HardwareError) {
        try LinuxGPIOValues.write(level, to: file, version: version)
    }
}

/// The get/set-values ioctls of one requested line, in both interface versions.
enum LinuxGPIOValues {
    static func read(_ file: DeviceFile, version: GPIOInterfaceVersion) throws(HardwareError) -> Bool {
        switch version {
        case .v2:
            var values = KernelStruct(size: GPIOKernelABI.V2LineValues.size)
            values.store(UInt64(1), at: GPIOKernelABI.V2LineValues.mask)
            try file.control(GPIOKernelABI.v2GetValues, &values, operation: "GPIO_V2_LINE_GET_VALUES_IOCTL")
            return values.load(UInt64.self, at: GPIOKernelABI.V2LineValues.bits) & 1 != 0
        case .v1:
            var values = KernelStruct(size: GPIOKernelABI.V1HandleData.size)
            try file.control(GPIOKernelABI.v1GetValues, &values, operation: "GPIOHANDLE_GET_LINE_VALUES_IOCTL")
            return values.load(UInt8.self, at: 0) != 0
        }
    }

    static func write(_ level: Bool, to file: DeviceFile, version: GPIOInterfaceVersion) throws(HardwareError) {
        switch version {
        case .v2:
            var values = KernelStruct(size: GPIOKernelABI.V2LineValues.size)
            values.store(UInt64(level ? 1 : 0), at: GPIOKernelABI.V2LineValues.bits)
            values.store(UInt64(1), at: GPIOKernelABI.V2LineValues.mask)
            try file.control(GPIOKernelABI.v2SetValues, &values, operation: "GPIO_V2_LINE_SET_VALUES_IOCTL")
        case .v1:
            var values = KernelStruct(size: GPIOKernelABI.V1HandleData.size)
            values.store(UInt8(level ? 1 : 0), at: 0)
            try file.control(GPIOKernelABI.v1SetValues, &values, operation: "GPIOHANDLE_SET_LINE_VALUES_IOCTL")
        }
    }
}
