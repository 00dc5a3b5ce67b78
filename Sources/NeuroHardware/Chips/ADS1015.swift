/// The TI ADS1015 12-bit converter over I2C: single-shot conversions with polling.
///
/// Each reading writes the config register (OS = 1, the input's mux, the gain, single-shot, the
/// data rate, comparator off), waits one conversion time, polls the config register until OS
/// reads 1 (at most ``maxPolls`` times, a quarter conversion apart), then reads the conversion
/// register. A transient bus failure or a conversion that never completes restarts the whole
/// reading under ``retry``.
///
/// The result is the voltage at the pins (`AINp − AINn`, or `AINn − GND`); the module's divider
/// and reference are the firmware's business.
public struct ADS1015: Sendable {
    /// The bus.
    public let bus: any I2CBus
    /// The 7-bit address (0x48–0x4B by the ADDR pin).
    public let address: UInt8
    /// The full-scale range.
    public let gain: ADS1015Gain
    /// The conversion rate.
    public let dataRate: ADS1015DataRate
    /// The most config reads that wait for one conversion before it counts as timed out.
    public let maxPolls: Int
    /// How often a failed reading is repeated.
    public let retry: RetryPolicy
    /// How the driver waits for conversions and between retries.
    public let waiting: any DeviceWaiting

    /// Creates the driver; no bus traffic until the first reading.
    public init(
        bus: any I2CBus, address: UInt8, gain: ADS1015Gain = .volts2_048, dataRate: ADS1015DataRate = .sps3300,
        maxPolls: Int = 8, retry: RetryPolicy = .standard, waiting: any DeviceWaiting = ThreadSleep()
    ) {
        self.bus = bus
        self.address = address
        self.gain = gain
        self.dataRate = dataRate
        self.maxPolls = max(1, maxPolls)
        self.retry = retry
        self.waiting = waiting
    }

    /// The voltage at the pins of `input`, in volts (one code = ``ADS1015Gain/voltsPerCode``).
    ///
    /// - Throws: ``HardwareError`` — `.invalidRequest` for an input the chip does not have,
    ///   `.timedOut` when the conversion never completed, or the bus's error after the retries.
    public func volts(_ input: ADS1015Input) throws(HardwareError) -> Double {
        Double(try code(input)) * gain.voltsPerCode
    }

    /// The voltage of `AIN<channel>` against ground.
    public func volts(channel: Int) throws(HardwareError) -> Double {
        try volts(.single(channel))
    }

    /// The signed 12-bit result (−2048…2047) of one single-shot conversion of `input`.
    public func code(_ input: ADS1015Input) throws(HardwareError) -> Int {
        let device = bus.deviceName(address: address)
        let config = ADS1015Config(operationalStatus: true, input: input, gain: gain, isSingleShot: true, dataRate: dataRate)
        guard let word = config.word else {
            throw HardwareError(.invalidRequest, device: device, operation: "select input \(input)", hint: "inputs are AIN0–AIN3 and the pairs 0-1, 0-3, 1-3, 2-3")
        }
        return try retry.run(waiting: waiting) { () throws(HardwareError) in
            try bus.writeRegisters(address: address, register: ADS1015Register.config.rawValue, bytes: [UInt8(word >> 8), UInt8(word & 0xFF)])
            try waitForConversion(device: device)
            let result = try bus.readRegisters(address: address, register: ADS1015Register.conversion.rawValue, count: 2)
            return Self.code(fromRegister: UInt16(result[0]) << 8 | UInt16(result[1]))
        }
    }

    /// The 12-bit signed value of a conversion register (bits 15:4).
    public static func code(fromRegister register: UInt16) -> Int {
        Int(Int16(bitPattern: register) >> 4)
    }

    private func waitForConversion(device: String) throws(HardwareError) {
        waiting.wait(nanoseconds: dataRate.conversionNanoseconds)
        for poll in 0..<maxPolls {
            let status = try bus.readRegisters(address: address, register: ADS1015Register.config.rawValue, count: 2)
            if status[0] & 0x80 != 0 { return }
            if poll + 1 < maxPolls { waiting.wait(nanoseconds: dataRate.conversionNanoseconds / 4) }
        }
        throw HardwareError(
            .timedOut, device: device, operation: "conversion",
            hint: "OS stayed 0 for \(maxPolls) polls after \(dataRate.conversionNanoseconds) ns")
    }
}
