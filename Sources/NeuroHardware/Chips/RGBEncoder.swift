import Synchronization

/// Pimoroni's RGB rotary encoder breakout: a quadrature encoder and an RGB LED on a Nuvoton MS51
/// running the IO Expander firmware (I2C 0x0F).
///
/// The expander decodes the quadrature itself: ``configure()`` sets A and B as pulled-up inputs
/// with Schmitt triggers, drives the common pin C low (open drain), routes A and B to encoder
/// channel 1 and enables it; the chip then keeps a signed 8-bit step counter. ``readDelta()``
/// reads it and returns the steps since the previous read (the 8-bit difference, so up to ±127
/// steps between reads). One step is one detent, as the original firmware counted them.
/// The LED's three pins run as inverted PWM outputs (the LED is common-anode).
public final class RGBEncoder: Sendable {
    /// The expander pins of the encoder and the LED.
    public struct Pins: Sendable, Equatable {
        /// Encoder A.
        public var a: UInt8
        /// Encoder B.
        public var b: UInt8
        /// Encoder common (driven low).
        public var common: UInt8
        /// Red LED cathode.
        public var red: UInt8
        /// Green LED cathode.
        public var green: UInt8
        /// Blue LED cathode.
        public var blue: UInt8

        /// Creates a pin assignment.
        public init(a: UInt8, b: UInt8, common: UInt8, red: UInt8, green: UInt8, blue: UInt8) {
            (self.a, self.b, self.common, self.red, self.green, self.blue) = (a, b, common, red, green, blue)
        }

        /// The breakout's wiring (A 12, B 3, C 11; red 1, green 7, blue 2).
        public static let breakout = Pins(a: 12, b: 3, common: 11, red: 1, green: 7, blue: 2)
    }

    /// The bus.
    public let bus: any I2CBus
    /// The expander's address.
    public let address: UInt8
    /// The pin assignment.
    public let pins: Pins
    /// The PWM period in clock ticks (24 MHz / 2); colour 1.0 is `period × brightness` ticks.
    public let pwmPeriod: UInt16
    /// The LED's maximum duty fraction (0…1).
    public let brightness: Double
    /// How often a failed operation is repeated.
    public let retry: RetryPolicy
    /// How the driver waits between retries and for PWM loads.
    public let waiting: any DeviceWaiting
    private let lastCount = Mutex<UInt8>(0)

    /// The PWM clock divider code (24 MHz / 2, as the original firmware, to avoid flicker).
    static let dividerCode: UInt8 = 0b001
    /// The encoder channel used.
    static let channel = 1
    /// Polls of the PWM load bit before giving up.
    static let loadPolls = 10

    /// Creates the driver; no bus traffic until ``configure()``.
    ///
    /// - Parameter brightness: the LED's maximum duty (0.5 as the original), clamped to 0.01…1.
    public init(
        bus: any I2CBus, address: UInt8 = 0x0F, pins: Pins = .breakout, brightness: Double = 0.5,
        retry: RetryPolicy = .standard, waiting: any DeviceWaiting = ThreadSleep()
    ) {
        self.bus = bus
        self.address = address
        self.pins = pins
        let clamped = brightness.isNaN ? 0.5 : min(1, max(0.01, brightness))
        self.brightness = clamped
        pwmPeriod = UInt16(255 / clamped)
        self.retry = retry
        self.waiting = waiting
    }

    /// Checks the chip id, sets up the encoder and the LED PWM, and turns the LED off.
    ///
    /// Call it again after the expander was disconnected (it loses its setup with power).
    /// - Throws: ``HardwareError`` — `.unexpectedResponse` when the chip id is not 0xE26A,
    ///   `.invalidRequest` for a pin without the needed function, or the bus's error.
    public func configure() throws(HardwareError) {
        let (a, b, common) = try (pin(pins.a), pin(pins.b), pin(pins.common))
        let leds = try [pins.red, pins.green, pins.blue].map { (number) throws(HardwareError) in try pwmPin(number) }
        try retry.run(waiting: waiting) { () throws(HardwareError) in
            let id = try bus.readRegisters(address: address, register: IOExpanderRegister.chipIDLow, count: 2)
            let chipID = UInt16(id[1]) << 8 | UInt16(id[0])
            guard chipID == IOExpanderRegister.chipID else {
                throw HardwareError(
                    .unexpectedResponse, device: bus.deviceName(address: address), operation: "read chip id",
                    hint: "expected 0xE26A (Pimoroni IO Expander), got 0x\(String(chipID, radix: 16))")
            }
            for input in [a, b] {
                try setMode(input, .quasiBidirectional, schmitt: true)
                try setLatch(input, high: true)
            }
            try setMode(common, .openDrain, schmitt: false)
            try setLatch(common, high: false)
            try write(IOExpanderRegister.encoderConfig(channel: Self.channel), a.number | b.number << 4)
            try updateBits(IOExpanderRegister.encoderEnable, set: 1 << 0, clear: 1 << 1)
            try write(IOExpanderRegister.encoderCount(channel: Self.channel), 0)
            try write(IOExpanderRegister.pwmControl1, Self.dividerCode)
            try write(IOExpanderRegister.pwmPeriodLow, UInt8(pwmPeriod & 0xFF))
            try write(IOExpanderRegister.pwmPeriodHigh, UInt8(pwmPeriod >> 8))
            for (led, pwm) in leds {
                try updateBits(IOExpanderRegister.pwmPinControl[pwm.pinControl], set: 1 << pwm.pinControlBit, clear: 0)
                try updateBits(IOExpanderRegister.pwmPolarity, set: 1 << pwm.channel, clear: 0)
                try setMode(led, .pushPull, schmitt: false)
                try setLatch(led, high: false)
                try writeDuty(0, channel: pwm.channel)
            }
            try updateBits(IOExpanderRegister.pwmControl0, set: IOExpanderRegister.pwmRunBit, clear: 0)
            try loadPWM()
        }
        lastCount.withLock { $0 = 0 }
    }

    /// Detents turned since the previous call (or ``configure()``): positive one way, negative the other.
    public func readDelta() throws(HardwareError) -> Int {
        let count = try retry.run(waiting: waiting) { () throws(HardwareError) in
            try bus.readRegisters(address: address, register: IOExpanderRegister.encoderCount(channel: Self.channel), count: 1)[0]
        }
        return lastCount.withLock { last in
            defer { last = count }
            return Int(Int8(bitPattern: count &- last))
        }
    }

    /// Sets the LED colour, each component 0…1 (clamped; NaN counts as 0).
    public func setColor(red: Double, green: Double, blue: Double) throws(HardwareError) {
        let leds = try [pins.red, pins.green, pins.blue].map { (number) throws(HardwareError) in try pwmPin(number).pwm.channel }
        let duties = [red, green, blue].map { UInt16((min(1, max(0, $0.isNaN ? 0 : $0)) * Double(pwmPeriod) * brightness).rounded()) }
        try retry.run(waiting: waiting) { () throws(HardwareError) in
            for (channel, duty) in zip(leds, duties) { try writeDuty(duty, channel: channel) }
            try loadPWM()
        }
    }

    private func pin(_ number: UInt8) throws(HardwareError) -> IOExpanderPin {
        guard let pin = IOExpanderPin.numbered(number), IOExpanderRegister.modes1[pin.port] != nil else {
            throw HardwareError(.invalidRequest, device: bus.deviceName(address: address), operation: "pin \(number)", hint: "the expander's pins are 1–14")
        }
        return pin
    }

    private func pwmPin(_ number: UInt8) throws(HardwareError) -> (pin: IOExpanderPin, pwm: (channel: Int, pinControl: Int, pinControlBit: Int)) {
        let found = try pin(number)
        guard let pwm = found.pwm else {
            throw HardwareError(.invalidRequest, device: bus.deviceName(address: address), operation: "LED pin \(number)", hint: "the pin has no PWM output")
        }
        return (found, pwm)
    }

    private func write(_ register: UInt8, _ value: UInt8) throws(HardwareError) {
        try bus.writeRegisters(address: address, register: register, bytes: [value])
    }

    private func updateBits(_ register: UInt8, set: UInt8, clear: UInt8) throws(HardwareError) {
        let value = try bus.readRegisters(address: address, register: register, count: 1)[0]
        try write(register, (value & ~clear) | set)
    }

    private func setMode(_ pin: IOExpanderPin, _ mode: IOExpanderPinMode, schmitt: Bool) throws(HardwareError) {
        let mask = UInt8(1) << pin.bit
        let bits = mode.bits
        if let m1 = IOExpanderRegister.modes1[pin.port], let m2 = IOExpanderRegister.modes2[pin.port] {
            try updateBits(m1, set: bits.m1 ? mask : 0, clear: bits.m1 ? 0 : mask)
            try updateBits(m2, set: bits.m2 ? mask : 0, clear: bits.m2 ? 0 : mask)
        }
        try updateBits(IOExpanderRegister.schmitt[pin.port], set: schmitt ? mask : 0, clear: schmitt ? 0 : mask)
    }

    private func setLatch(_ pin: IOExpanderPin, high: Bool) throws(HardwareError) {
        try write(IOExpanderRegister.ports[pin.port], (high ? 0b1000 : 0) | UInt8(pin.bit))
    }

    private func writeDuty(_ duty: UInt16, channel: Int) throws(HardwareError) {
        try write(IOExpanderRegister.pwmDutyLow[channel], UInt8(duty & 0xFF))
        try write(IOExpanderRegister.pwmDutyHigh[channel], UInt8(duty >> 8))
    }

    private func loadPWM() throws(HardwareError) {
        try updateBits(IOExpanderRegister.pwmControl0, set: IOExpanderRegister.pwmLoadBit, clear: 0)
        for _ in 0..<Self.loadPolls {
            let control = try bus.readRegisters(address: address, register: IOExpanderRegister.pwmControl0, count: 1)[0]
            if control & IOExpanderRegister.pwmLoadBit == 0 { return }
            waiting.wait(nanoseconds: 1_000_000)
        }
        throw HardwareError(.timedOut, device: bus.deviceName(address: address), operation: "PWM load", hint: "the LOAD bit did not clear")
    }
}
