#if canImport(Glibc)
import Glibc
#endif
import NeuroCore
import Synchronization

/// A chip on a ``SimulatedI2CBus``: it sees the bytes of each transfer as the real chip would.
///
/// Calls come with the bus's lock held, one transfer at a time.
public protocol SimulatedI2CDevice: AnyObject, Sendable {
    /// The master wrote `bytes` (START, address+W, bytes; STOP or a repeated start follows).
    func receive(_ bytes: [UInt8])
    /// The master reads `count` bytes (address+R after a repeated start or a START).
    func transmit(count: Int) -> [UInt8]
}

/// An I2C bus in memory that routes transfers to simulated chips by address, with faults.
///
/// Faults: ``failNextTransfers(_:)`` fails a number of transfers with `EIO`, a seeded failure
/// probability fails transfers at random (SplitMix64, so runs repeat), and ``remove(address:)``
/// makes a chip stop acknowledging (`EREMOTEIO`, one of the errnos adapters give for a NAK) until
/// ``reattach(address:)``. The firmware's `--simulate` mode and the driver tests use it.
public final class SimulatedI2CBus: I2CBus {
    /// The bus's name in errors.
    public let path: String
    private let state: Mutex<State>

    private struct State {
        var devices: [UInt8: any SimulatedI2CDevice] = [:]
        var removed: Set<UInt8> = []
        var failuresPending = 0
        var failureProbability = 0.0
        var random: SplitMix64
        var transfers = 0
        var failures = 0
    }

    /// Creates an empty bus; `seed` drives the random failures.
    public init(path: String = "simulated-i2c", seed: UInt64 = 0) {
        self.path = path
        state = Mutex(State(random: SplitMix64(seed: seed)))
    }

    /// Puts `device` on the bus at `address` (replacing any chip there).
    public func attach(_ device: any SimulatedI2CDevice, at address: UInt8) {
        state.withLock {
            $0.devices[address] = device
            $0.removed.remove(address)
        }
    }

    /// Makes the chip at `address` disappear: transfers to it fail as unacknowledged.
    public func remove(address: UInt8) {
        _ = state.withLock { $0.removed.insert(address) }
    }

    /// Brings back a chip taken off with ``remove(address:)``, with its registers as they were.
    public func reattach(address: UInt8) {
        _ = state.withLock { $0.removed.remove(address) }
    }

    /// Fails the next `count` transfers (to any address) with `EIO`.
    public func failNextTransfers(_ count: Int) {
        state.withLock { $0.failuresPending = max(0, count) }
    }

    /// Fails each transfer with probability `probability` (clamped to 0…1), drawn from the seed.
    public func setFailureProbability(_ probability: Double) {
        state.withLock { $0.failureProbability = min(1, max(0, probability)) }
    }

    /// Transfers attempted and transfers failed (injected faults and missing chips).
    public var counts: (transfers: Int, failures: Int) {
        state.withLock { ($0.transfers, $0.failures) }
    }

    /// Delivers `bytes` to the chip at `address`.
    public func write(address: UInt8, bytes: [UInt8]) throws(HardwareError) {
        _ = try transfer(address: address, operation: "write \(bytes.count) bytes") { device in
            device.receive(bytes)
            return []
        }
    }

    /// Delivers `bytes` (if any), then reads `readCount` bytes from the chip at `address`.
    public func writeRead(address: UInt8, bytes: [UInt8], readCount: Int) throws(HardwareError) -> [UInt8] {
        try transfer(address: address, operation: "I2C_RDWR write \(bytes.count) read \(readCount) bytes") { device in
            if !bytes.isEmpty { device.receive(bytes) }
            return device.transmit(count: readCount)
        }
    }

    private func transfer(
        address: UInt8, operation: String, _ body: (any SimulatedI2CDevice) -> [UInt8]
    ) throws(HardwareError) -> [UInt8] {
        let device = deviceName(address: address)
        let outcome: Result<[UInt8], HardwareError> = state.withLock { state in
            state.transfers += 1
            let injected = state.failuresPending > 0 || (state.failureProbability > 0 && Double(state.random.nextUnitFloat()) < state.failureProbability)
            if state.failuresPending > 0 { state.failuresPending -= 1 }
            if injected {
                state.failures += 1
                return .failure(HardwareError.transfer(device, operation: operation, errno: EIO))
            }
            guard let chip = state.devices[address], !state.removed.contains(address) else {
                state.failures += 1
                return .failure(HardwareError.transfer(device, operation: operation, errno: EREMOTEIO))
            }
            return .success(body(chip))
        }
        return try outcome.get()
    }
}
