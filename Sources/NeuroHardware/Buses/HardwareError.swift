#if canImport(Glibc)
import Glibc
#endif
import NeuroCore

/// A failed operation on a hardware device: which device, which operation, why, and what to do.
///
/// Every driver throws this type, so the firmware can tell a missing bus (enable it) from a chip
/// that did not answer (check the wiring, retry) and name the device in its status line.
/// ``neuroError`` turns it into the project's error for exit codes.
public struct HardwareError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it was.
    public enum Kind: Sendable, Equatable {
        /// The device node does not exist (the bus or driver is not enabled).
        case missingDevice
        /// The device node exists but this user may not open it (a group is missing).
        case permissionDenied
        /// The node is not the kind of device the driver expects (`ENOTTY`: inappropriate ioctl).
        case wrongDeviceKind
        /// Nothing acknowledged at the address (`ENXIO` / `EREMOTEIO` on a transfer).
        case noAcknowledge
        /// A transfer started but failed (`EIO`, `ETIMEDOUT`, `EAGAIN`, …).
        case transferFailed
        /// The chip never became ready within the bounded number of polls.
        case timedOut
        /// The chip answered with something that is not what the driver expects.
        case unexpectedResponse
        /// The caller asked for something the device cannot do (bad channel, pin, size).
        case invalidRequest
    }

    /// The kind of failure.
    public var kind: Kind
    /// The device: its node path, with the bus address for I2C (`/dev/i2c-1 0x48`).
    public var device: String
    /// The operation that failed (`open`, `I2C_RDWR read 2 bytes`, `SPI_IOC_MESSAGE`).
    public var operation: String
    /// The `errno` value when a system call failed.
    public var systemError: Int32?
    /// What to do about it, or what was expected; may be empty.
    public var hint: String

    /// Creates an error.
    public init(_ kind: Kind, device: String, operation: String, systemError: Int32? = nil, hint: String = "") {
        self.kind = kind
        self.device = device
        self.operation = operation
        self.systemError = systemError
        self.hint = hint
    }

    /// The error of a system call that failed with `code` while opening a device node.
    ///
    /// `enableHint` says how to make the device appear; it is used when the node is missing.
    public static func opening(_ device: String, errno code: Int32, enableHint: String) -> HardwareError {
        switch code {
        case ENOENT, ENODEV, ENXIO:
            HardwareError(.missingDevice, device: device, operation: "open", systemError: code, hint: enableHint)
        case EACCES, EPERM:
            HardwareError(
                .permissionDenied, device: device, operation: "open", systemError: code,
                hint: "add the user to the device's group (see docs/DRIVERS.md and deploy/ udev rules)")
        default:
            HardwareError(.transferFailed, device: device, operation: "open", systemError: code)
        }
    }

    /// The error of a system call that failed with `code` on an open device.
    public static func transfer(_ device: String, operation: String, errno code: Int32) -> HardwareError {
        switch code {
        case ENOTTY:
            HardwareError(
                .wrongDeviceKind, device: device, operation: operation, systemError: code,
                hint: "the file is not the expected kind of device node")
        case ENXIO, EREMOTEIO:
            HardwareError(
                .noAcknowledge, device: device, operation: operation, systemError: code,
                hint: "no chip answered; check the wiring, the address and the power")
        case ENODEV:
            HardwareError(.missingDevice, device: device, operation: operation, systemError: code, hint: "the device was removed")
        case EINVAL:
            HardwareError(.invalidRequest, device: device, operation: operation, systemError: code)
        default:
            HardwareError(.transferFailed, device: device, operation: operation, systemError: code)
        }
    }

    /// Whether trying the same operation again may succeed (a glitch, not a configuration problem).
    public var isTransient: Bool {
        switch kind {
        case .noAcknowledge, .transferFailed, .timedOut, .unexpectedResponse: true
        case .missingDevice, .permissionDenied, .wrongDeviceKind, .invalidRequest: false
        }
    }

    /// One line: the device, the operation, the system's reason, the hint.
    public var description: String {
        var text = "\(device): \(operation) failed"
        if let systemError { text += ": \(String(cString: strerror(systemError))) (errno \(systemError))" }
        if !hint.isEmpty { text += "; \(hint)" }
        return text
    }

    /// The project's error for this failure (missing devices exit 66, the rest 69 or 65).
    public var neuroError: NeuroError {
        switch kind {
        case .missingDevice: NeuroError(.missingInput, description)
        case .invalidRequest: NeuroError(.usage, description)
        case .unexpectedResponse: NeuroError(.invalidData, description)
        case .permissionDenied, .wrongDeviceKind, .noAcknowledge, .transferFailed, .timedOut:
            NeuroError(.unavailable, description)
        }
    }
}
