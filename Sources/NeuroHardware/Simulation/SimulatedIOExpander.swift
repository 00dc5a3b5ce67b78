import Synchronization

/// The RGB encoder breakout's Nuvoton IO expander in memory, at register level.
///
/// A register file with auto-incrementing reads and writes, bit-addressed port writes, the chip
/// id, the encoder counter and the PWM unit (LOAD copies the period and duty registers to the
/// outputs and clears itself). ``turn(detents:)`` moves the knob: the counter of encoder channel
/// 1 moves only if that channel is enabled, routed to the pins the knob is wired to, and the
/// common pin is driven low, as on the real board. ``ledBrightness(pin:)`` tells how bright an
/// LED cathode pin makes its LED (a common-anode LED lights while the pin is low).
public final class SimulatedIOExpander: SimulatedI2CDevice {
    private let wiring: (a: UInt8, b: UInt8, common: UInt8)
    private let state = Mutex(State())

    private struct State {
        var registers = [UInt8](repeating: 0, count: 256)
        var pointer: UInt8 = 0
        var loadedPeriod: UInt16 = 0
        var loadedDuty = [UInt16](repeating: 0, count: 6)
    }

    /// Creates the chip at power-on, with the knob wired to expander pins `a`, `b` and `common`.
    public init(a: UInt8 = 12, b: UInt8 = 3, common: UInt8 = 11) {
        wiring = (a, b, common)
        state.withLock { state in
            state.registers[Int(IOExpanderRegister.chipIDLow)] = UInt8(IOExpanderRegister.chipID & 0xFF)
            state.registers[Int(IOExpanderRegister.chipIDHigh)] = UInt8(IOExpanderRegister.chipID >> 8)
            for port in IOExpanderRegister.ports { state.registers[Int(port)] = 0xFF }
        }
    }

    /// Turns the knob by `detents` (signed); returns whether the expander counted them.
    @discardableResult
    public func turn(detents: Int) -> Bool {
        state.withLock { state in
            guard isEncoderWired(state) else { return false }
            let register = Int(IOExpanderRegister.encoderCount(channel: 1))
            state.registers[register] = state.registers[register] &+ UInt8(truncatingIfNeeded: detents)
            return true
        }
    }

    /// The value of register `register`.
    public func register(_ register: UInt8) -> UInt8 {
        state.withLock { $0.registers[Int(register)] }
    }

    /// The mode of expander pin `number` (1–14), from its PxM1/PxM2 bits.
    public func mode(pin number: UInt8) -> IOExpanderPinMode? {
        guard let pin = IOExpanderPin.numbered(number) else { return nil }
        return state.withLock { Self.mode(of: pin, in: $0) }
    }

    /// How bright the LED on cathode pin `number` is, 0…1: its PWM duty if the pin carries PWM,
    /// else 1 when the pin drives low and 0 otherwise.
    public func ledBrightness(pin number: UInt8) -> Double {
        guard let pin = IOExpanderPin.numbered(number) else { return 0 }
        return state.withLock { state in
            let registers = state.registers
            let latchHigh = registers[Int(IOExpanderRegister.ports[pin.port])] & (1 << pin.bit) != 0
            let driving = [.pushPull, .openDrain].contains(Self.mode(of: pin, in: state))
            guard let pwm = pin.pwm,
                registers[Int(IOExpanderRegister.pwmPinControl[pwm.pinControl])] & (1 << pwm.pinControlBit) != 0
            else { return driving && !latchHigh ? 1 : 0 }
            guard driving, registers[Int(IOExpanderRegister.pwmControl0)] & IOExpanderRegister.pwmRunBit != 0, state.loadedPeriod > 0 else { return 0 }
            let high = min(1, Double(state.loadedDuty[pwm.channel]) / Double(state.loadedPeriod))
            let inverted = registers[Int(IOExpanderRegister.pwmPolarity)] & (1 << pwm.channel) != 0
            return inverted ? high : 1 - high
        }
    }

    /// Writes from the pointer register on, one register per byte (P0–P3 bit-addressed).
    public func receive(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        state.withLock { state in
            state.pointer = first
            for value in bytes.dropFirst() {
                write(value, to: state.pointer, in: &state)
                state.pointer &+= 1
            }
        }
    }

    /// Reads from the pointer register on.
    public func transmit(count: Int) -> [UInt8] {
        state.withLock { state in
            (0..<count).map { _ in
                defer { state.pointer &+= 1 }
                return state.registers[Int(state.pointer)]
            }
        }
    }

    private func write(_ value: UInt8, to register: UInt8, in state: inout State) {
        switch register {
        case IOExpanderRegister.chipIDLow, IOExpanderRegister.chipIDHigh:
            return
        case _ where IOExpanderRegister.ports.contains(register):
            let mask = UInt8(1) << (value & 0b111)
            if value & 0b1000 != 0 { state.registers[Int(register)] |= mask } else { state.registers[Int(register)] &= ~mask }
        case IOExpanderRegister.pwmControl0:
            state.registers[Int(register)] = value & ~(IOExpanderRegister.pwmLoadBit | 1 << 4)
            guard value & IOExpanderRegister.pwmLoadBit != 0 else { return }
            let registers = state.registers
            state.loadedPeriod = UInt16(registers[Int(IOExpanderRegister.pwmPeriodHigh)]) << 8 | UInt16(registers[Int(IOExpanderRegister.pwmPeriodLow)])
            state.loadedDuty = (0..<6).map {
                UInt16(registers[Int(IOExpanderRegister.pwmDutyHigh[$0])]) << 8 | UInt16(registers[Int(IOExpanderRegister.pwmDutyLow[$0])])
            }
        default:
            state.registers[Int(register)] = value
        }
    }

    private func isEncoderWired(_ state: State) -> Bool {
        guard let a = IOExpanderPin.numbered(wiring.a), let b = IOExpanderPin.numbered(wiring.b),
            let common = IOExpanderPin.numbered(wiring.common)
        else { return false }
        let registers = state.registers
        let enabled = registers[Int(IOExpanderRegister.encoderEnable)] & 1 != 0
        let routed = registers[Int(IOExpanderRegister.encoderConfig(channel: 1))] == a.number | b.number << 4
        let inputs = [a, b].allSatisfy { [.quasiBidirectional, .input].contains(Self.mode(of: $0, in: state)) }
        let commonLow = [.pushPull, .openDrain].contains(Self.mode(of: common, in: state))
            && registers[Int(IOExpanderRegister.ports[common.port])] & (1 << common.bit) == 0
        return enabled && routed && inputs && commonLow
    }

    private static func mode(of pin: IOExpanderPin, in state: State) -> IOExpanderPinMode {
        guard let m1 = IOExpanderRegister.modes1[pin.port], let m2 = IOExpanderRegister.modes2[pin.port] else { return .quasiBidirectional }
        return IOExpanderPinMode(
            m1: state.registers[Int(m1)] & (1 << pin.bit) != 0, m2: state.registers[Int(m2)] & (1 << pin.bit) != 0)
    }
}
