/// The register map of Pimoroni's "IO Expander" firmware on a Nuvoton MS51 (chip id 0xE26A), as
/// used by the RGB encoder breakout: shared by ``RGBEncoder`` and ``SimulatedIOExpander``.
///
/// The MS51's special-function registers appear at I2C register addresses; the firmware adds
/// the rotary-encoder counters (0x04–0x0C), the chip id (0xFA–0xFB) and bit-addressed port
/// writes (writing `state << 3 | bit` to P0–P3 sets or clears one pin).
public enum IOExpanderRegister {
    /// Encoder enable: bit `2(c−1)` enables channel c, bit `2(c−1)+1` counts micro-steps.
    public static let encoderEnable: UInt8 = 0x04
    /// Chip id, low byte.
    public static let chipIDLow: UInt8 = 0xFA
    /// Chip id, high byte.
    public static let chipIDHigh: UInt8 = 0xFB
    /// The chip id the firmware reports.
    public static let chipID: UInt16 = 0xE26A
    /// Port latches (bit-addressed writes), indexed by port 0–3.
    public static let ports: [UInt8] = [0x40, 0x50, 0x60, 0x70]
    /// Port mode registers PxM1, indexed by port (port 2 has none).
    public static let modes1: [UInt8?] = [0x71, 0x73, nil, 0x6C]
    /// Port mode registers PxM2, indexed by port (port 2 has none).
    public static let modes2: [UInt8?] = [0x72, 0x74, nil, 0x6D]
    /// Schmitt-trigger input registers PxS, indexed by port.
    public static let schmitt: [UInt8] = [0xC2, 0xC4, 0x75, 0xC0]
    /// PWM period, low byte (PWMPL).
    public static let pwmPeriodLow: UInt8 = 0x99
    /// PWM period, high byte (PWMPH).
    public static let pwmPeriodHigh: UInt8 = 0x91
    /// PWMCON0: bit 7 PWMRUN, bit 6 LOAD (copies period and duties, clears when done), bit 4 CLRPWM.
    public static let pwmControl0: UInt8 = 0x98
    /// PWMCON1: bits 2:0 clock divider (1 << value).
    public static let pwmControl1: UInt8 = 0x9F
    /// PNP: bit n inverts PWM channel n's output.
    public static let pwmPolarity: UInt8 = 0x96
    /// PIOCON0 and PIOCON1: route a PWM channel to its pin.
    public static let pwmPinControl: [UInt8] = [0x9E, 0xC9]
    /// Duty cycle low bytes of PWM channels 0–5.
    public static let pwmDutyLow: [UInt8] = [0x9A, 0x9B, 0x9C, 0x9D, 0xCA, 0xCB]
    /// Duty cycle high bytes of PWM channels 0–5.
    public static let pwmDutyHigh: [UInt8] = [0x92, 0x93, 0x94, 0x95, 0xC7, 0xC8]
    /// PWMCON0's run bit.
    public static let pwmRunBit: UInt8 = 1 << 7
    /// PWMCON0's load bit.
    public static let pwmLoadBit: UInt8 = 1 << 6

    /// The configuration register of encoder channel 1–4: pin A's encoder input in bits 3:0, B's in 7:4.
    public static func encoderConfig(channel: Int) -> UInt8 { UInt8(0x05 + 2 * (channel - 1)) }
    /// The signed 8-bit step counter of encoder channel 1–4.
    public static func encoderCount(channel: Int) -> UInt8 { UInt8(0x06 + 2 * (channel - 1)) }
}

/// One of the expander's 14 pins: its MS51 port and bit, and the PWM channel it can carry.
public struct IOExpanderPin: Sendable, Equatable {
    /// The breakout's pin number, 1–14 (also the pin's encoder input number).
    public var number: UInt8
    /// The MS51 port (0, 1 or 3).
    public var port: Int
    /// The bit within the port.
    public var bit: Int
    /// The PWM channel (0–5) and where its output is routed (PIOCON register index, bit), if any.
    public var pwm: (channel: Int, pinControl: Int, pinControlBit: Int)?

    /// The pin numbered `number`, or `nil` outside 1–14.
    public static func numbered(_ number: UInt8) -> IOExpanderPin? {
        table.first { $0.number == number }
    }

    /// The pin map of the IO Expander firmware (MS51FB9AE, 20-pin).
    public static let table: [IOExpanderPin] = [
        IOExpanderPin(number: 1, port: 1, bit: 5, pwm: (5, 1, 5)),
        IOExpanderPin(number: 2, port: 1, bit: 0, pwm: (2, 0, 2)),
        IOExpanderPin(number: 3, port: 1, bit: 2, pwm: (0, 0, 0)),
        IOExpanderPin(number: 4, port: 1, bit: 4, pwm: (1, 1, 1)),
        IOExpanderPin(number: 5, port: 0, bit: 0, pwm: (3, 0, 3)),
        IOExpanderPin(number: 6, port: 0, bit: 1, pwm: (4, 0, 4)),
        IOExpanderPin(number: 7, port: 1, bit: 1, pwm: (1, 0, 1)),
        IOExpanderPin(number: 8, port: 0, bit: 3, pwm: (5, 0, 5)),
        IOExpanderPin(number: 9, port: 0, bit: 4, pwm: (3, 1, 3)),
        IOExpanderPin(number: 10, port: 3, bit: 0, pwm: nil),
        IOExpanderPin(number: 11, port: 0, bit: 6, pwm: nil),
        IOExpanderPin(number: 12, port: 0, bit: 5, pwm: (2, 1, 2)),
        IOExpanderPin(number: 13, port: 0, bit: 7, pwm: nil),
        IOExpanderPin(number: 14, port: 1, bit: 7, pwm: nil),
    ]

    /// Compares number, port, bit and PWM routing.
    public static func == (lhs: IOExpanderPin, rhs: IOExpanderPin) -> Bool {
        lhs.number == rhs.number && lhs.port == rhs.port && lhs.bit == rhs.bit
            && lhs.pwm?.channel == rhs.pwm?.channel && lhs.pwm?.pinControl == rhs.pwm?.pinControl
            && lhs.pwm?.pinControlBit == rhs.pwm?.pinControlBit
    }
}

/// The MS51's port modes (PxM1, PxM2 bits).
public enum IOExpanderPinMode: Sendable, Equatable {
    /// Quasi-bidirectional (00): a weak pull-up when the latch is 1; the firmware's "input with pull-up".
    case quasiBidirectional
    /// Push-pull output (01).
    case pushPull
    /// High-impedance input (10).
    case input
    /// Open-drain output (11).
    case openDrain

    /// The (M1, M2) bits.
    public var bits: (m1: Bool, m2: Bool) {
        switch self {
        case .quasiBidirectional: (false, false)
        case .pushPull: (false, true)
        case .input: (true, false)
        case .openDrain: (true, true)
        }
    }

    /// The mode of (M1, M2) bits.
    public init(m1: Bool, m2: Bool) {
        switch (m1, m2) {
        case (false, false): self = .quasiBidirectional
        case (false, true): self = .pushPull
        case (true, false): self = .input
        case (true, true): self = .openDrain
        }
    }
}
