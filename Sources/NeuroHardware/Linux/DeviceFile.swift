#if canImport(Glibc)
import Glibc
#endif

/// An open device node (or a line descriptor the kernel handed out), closed when released.
///
/// Every system call retries on `EINTR` and turns a failure into a ``HardwareError`` that names
/// the device and the operation.
final class DeviceFile: Sendable {
    /// The name in errors.
    let name: String
    /// The file descriptor.
    let descriptor: Int32

    /// Opens `path` read-write, close-on-exec.
    ///
    /// - Throws: ``HardwareError/Kind/missingDevice`` with `enableHint` when the node does not
    ///   exist, ``HardwareError/Kind/permissionDenied`` when the user may not open it.
    init(path: String, enableHint: String) throws(HardwareError) {
        var opened: Int32
        repeat { opened = open(path, O_RDWR | O_CLOEXEC) } while opened < 0 && errno == EINTR
        guard opened >= 0 else { throw HardwareError.opening(path, errno: errno, enableHint: enableHint) }
        name = path
        descriptor = opened
    }

    /// Takes ownership of `descriptor` (for example a GPIO line handle).
    init(adopting descriptor: Int32, name: String) {
        self.name = name
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// `ioctl(descriptor, request, argument)` with a struct argument.
    @discardableResult
    func control(_ request: UInt, _ argument: inout KernelStruct, operation: String, device: String? = nil) throws(HardwareError) -> Int32 {
        try retryingInterrupts(operation, device) { argument.withPointer { ioctl(descriptor, request, $0) } }
    }

    /// `ioctl(descriptor, request, value)` with an integer argument.
    @discardableResult
    func control(_ request: UInt, value: Int32, operation: String, device: String? = nil) throws(HardwareError) -> Int32 {
        try retryingInterrupts(operation, device) { ioctl(descriptor, request, value) }
    }

    /// Writes all of `bytes` in one `write` call.
    ///
    /// - Throws: ``HardwareError/Kind/transferFailed`` for a short write.
    func write(_ bytes: [UInt8], operation: String, device: String? = nil) throws(HardwareError) {
        let written = try retryingInterrupts(operation, device) {
            bytes.withUnsafeBytes { Int32(truncatingIfNeeded: Glibc.write(descriptor, $0.baseAddress, $0.count)) }
        }
        guard Int(written) == bytes.count else {
            throw HardwareError(.transferFailed, device: device ?? name, operation: operation, hint: "wrote \(written) of \(bytes.count) bytes")
        }
    }

    /// Reads up to `count` bytes in one `read` call.
    func read(count: Int, operation: String) throws(HardwareError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let got = try retryingInterrupts(operation, nil) {
            buffer.withUnsafeMutableBytes { Int32(truncatingIfNeeded: Glibc.read(descriptor, $0.baseAddress, $0.count)) }
        }
        return Array(buffer.prefix(Int(got)))
    }

    /// Whether the descriptor becomes readable within `timeoutNanoseconds` (`poll`).
    func waitReadable(timeoutNanoseconds: UInt64, operation: String) throws(HardwareError) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(clamping: (timeoutNanoseconds + 999_999) / 1_000_000)
        let ready = try retryingInterrupts(operation, nil) { poll(&request, 1, milliseconds) }
        return ready > 0
    }

    private func retryingInterrupts(_ operation: String, _ device: String?, _ call: () -> Int32) throws(HardwareError) -> Int32 {
        while true {
            let result = call()
            if result >= 0 { return result }
            let code = errno
            if code != EINTR { throw HardwareError.transfer(device ?? name, operation: operation, errno: code) }
        }
    }
}
