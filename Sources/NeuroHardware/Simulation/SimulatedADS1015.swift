import NeuroCore
import Synchronization

/// An ADS1015 in memory, at register level: pointer register, config and conversion registers,
/// single-shot and continuous modes, conversion time, mux, gain, 12-bit quantisation, clipping.
///
/// Set the voltage at each pin with ``setVolts(_:channel:)``. Writing the config register with
/// OS = 1 in single-shot mode samples the selected input at that moment; OS reads 0 until one
/// conversion time (1 / data rate) has passed on the chip's clock, then the conversion register
/// holds the result. The code is `floor((Vp − Vn) / LSB)` clipped to −2048…2047, left-justified.
public final class SimulatedADS1015: SimulatedI2CDevice {
    private let clock: any HostClock
    private let state = Mutex(State())

    private struct State {
        var pinVolts = [Double](repeating: 0, count: 4)
        var pointer = ADS1015Register.conversion
        var config = ADS1015Config.powerOn
        var thresholds: [UInt16] = [0x8000, 0x7FF0]
        var conversion: UInt16 = 0
        var pending: (register: UInt16, readyAt: UInt64)?
        var conversionsStarted = 0
    }

    /// Creates the chip in its power-on state, timed by `clock`.
    public init(clock: any HostClock) {
        self.clock = clock
    }

    /// Sets the voltage at `AIN<channel>` (0…3) against ground; other channels are ignored.
    public func setVolts(_ volts: Double, channel: Int) {
        guard (0...3).contains(channel) else { return }
        state.withLock { $0.pinVolts[channel] = volts }
    }

    /// The config register as the chip holds it.
    public var config: ADS1015Config {
        state.withLock { $0.config }
    }

    /// Single-shot conversions started since power-on.
    public var conversionsStarted: Int {
        state.withLock { $0.conversionsStarted }
    }

    /// Takes the pointer byte and, with two more bytes, writes the register it points at.
    public func receive(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let now = clock.nowNanoseconds()
        state.withLock { state in
            settle(&state, now: now)
            state.pointer = ADS1015Register(rawValue: first & 0b11) ?? .conversion
            guard bytes.count >= 3 else { return }
            let word = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
            switch state.pointer {
            case .conversion: break
            case .config: writeConfig(word, into: &state, now: now)
            case .lowThreshold: state.thresholds[0] = word
            case .highThreshold: state.thresholds[1] = word
            }
        }
    }

    /// Sends the register the pointer selects, most significant byte first, repeated as needed.
    public func transmit(count: Int) -> [UInt8] {
        let now = clock.nowNanoseconds()
        let word: UInt16 = state.withLock { state in
            settle(&state, now: now)
            switch state.pointer {
            case .conversion:
                if !state.config.isSingleShot { state.conversion = Self.sample(state.config.input, gain: state.config.gain, pins: state.pinVolts) }
                return state.conversion
            case .config:
                var shown = state.config
                shown.operationalStatus = state.pending == nil
                return shown.word ?? 0
            case .lowThreshold: return state.thresholds[0]
            case .highThreshold: return state.thresholds[1]
            }
        }
        return (0..<count).map { $0 % 2 == 0 ? UInt8(word >> 8) : UInt8(word & 0xFF) }
    }

    private func writeConfig(_ word: UInt16, into state: inout State, now: UInt64) {
        let written = ADS1015Config(word: word)
        state.config = written
        state.config.operationalStatus = false
        guard written.isSingleShot, written.operationalStatus, state.pending == nil else { return }
        state.conversionsStarted += 1
        state.pending = (Self.sample(written.input, gain: written.gain, pins: state.pinVolts), now + written.dataRate.conversionNanoseconds)
    }

    private func settle(_ state: inout State, now: UInt64) {
        guard let pending = state.pending, now >= pending.readyAt else { return }
        state.conversion = pending.register
        state.pending = nil
    }

    private static func sample(_ input: ADS1015Input, gain: ADS1015Gain, pins: [Double]) -> UInt16 {
        let difference: Double =
            switch input {
            case .single(let channel): pins[channel]
            case .differential(let positive, let negative): pins[positive] - pins[negative]
            }
        let scaled = difference / gain.voltsPerCode
        let code = scaled.isNaN ? 0 : Int(min(2047, max(-2048, scaled.rounded(.down))))
        return UInt16(bitPattern: Int16(code << 4))
    }
}
