/// The electrical facts of the Neurorack module that the firmware relies on.
///
/// These are the values of the original build (two ADS1015 converters, the input divider, the
/// gate threshold, the encoder's IO-expander pins, the screen's SPI settings, the DAC's rate).
/// The drivers take them as parameters; the firmware passes ``ModuleWiring/standard``.
public struct ModuleWiring: Sendable, Equatable {
    /// I2C addresses of the two ADS1015 converters (ADC0 carries the gates).
    public var converterAddresses: (UInt8, UInt8)
    /// The divider at every CV/gate input: top resistor in ohms.
    public var dividerTopOhms: Double
    /// The divider at every CV/gate input: bottom resistor in ohms.
    public var dividerBottomOhms: Double
    /// The nominal reference voltage read from the spare input, before calibration.
    public var nominalReferenceVolts: Double
    /// A gate fires when its input rises above the reference by this many volts.
    public var gateThresholdVolts: Double
    /// A gate re-arms this many seconds after it fired.
    public var gateRearmSeconds: Double
    /// A CV counts as moved when it changes by at least this many volts.
    public var cvMoveVolts: Double
    /// I2C address of the RGB encoder's Nuvoton IO expander.
    public var encoderAddress: UInt8
    /// The expander pins of the encoder's A, B and common lines.
    public var encoderPins: (a: UInt8, b: UInt8, common: UInt8)
    /// The expander pins driving the encoder's red, green and blue LEDs.
    public var encoderLEDPins: (red: UInt8, green: UInt8, blue: UInt8)
    /// The Jetson header pin of the push button (falling edge).
    public var buttonHeaderPin: Int
    /// The button's debounce time in seconds.
    public var buttonDebounceSeconds: Double
    /// The ST7789's SPI clock in hertz.
    public var screenSPIHertz: UInt32
    /// The ST7789 panel's vertical offset in rows (a 240×240 panel on a 240×320 controller).
    public var screenRowOffset: Int
    /// The I2S DAC's sample rate (PCM5102, mono).
    public var dacSampleRate: Int

    /// The wiring of the original Neurorack build.
    public static let standard = ModuleWiring(
        converterAddresses: (0x48, 0x49), dividerTopOhms: 8_060_000, dividerBottomOhms: 402_000,
        nominalReferenceVolts: 1.241, gateThresholdVolts: 1, gateRearmSeconds: 0.1, cvMoveVolts: 0.05,
        encoderAddress: 0x0F, encoderPins: (12, 3, 11), encoderLEDPins: (1, 7, 2),
        buttonHeaderPin: 11, buttonDebounceSeconds: 0.25, screenSPIHertz: 24_000_000, screenRowOffset: 80,
        dacSampleRate: 22_050)

    public static func == (lhs: ModuleWiring, rhs: ModuleWiring) -> Bool {
        lhs.converterAddresses == rhs.converterAddresses && lhs.dividerTopOhms == rhs.dividerTopOhms
            && lhs.dividerBottomOhms == rhs.dividerBottomOhms && lhs.nominalReferenceVolts == rhs.nominalReferenceVolts
            && lhs.gateThresholdVolts == rhs.gateThresholdVolts && lhs.gateRearmSeconds == rhs.gateRearmSeconds
            && lhs.cvMoveVolts == rhs.cvMoveVolts && lhs.encoderAddress == rhs.encoderAddress
            && lhs.encoderPins == rhs.encoderPins && lhs.encoderLEDPins == rhs.encoderLEDPins
            && lhs.buttonHeaderPin == rhs.buttonHeaderPin && lhs.buttonDebounceSeconds == rhs.buttonDebounceSeconds
            && lhs.screenSPIHertz == rhs.screenSPIHertz && lhs.screenRowOffset == rhs.screenRowOffset
            && lhs.dacSampleRate == rhs.dacSampleRate
    }
}
