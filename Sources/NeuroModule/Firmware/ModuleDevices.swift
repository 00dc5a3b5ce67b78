import NeuroCore

/// One of the module's voltage converters as the firmware reads it (an ADS1015 on I2C).
public protocol ModuleConverter {
    /// A name for status lines, e.g. `ADC0 (0x48 on /dev/i2c-1)`.
    var deviceName: String { get }
    /// One single-shot conversion of `channel` (0…3, single-ended), in volts at the pin.
    ///
    /// - Throws: when the bus or the chip fails; the firmware retries at its next poll.
    func readPinVolts(channel: Int) throws(NeuroError) -> Double
}

/// The module's rotary encoder as the firmware reads it.
public protocol ModuleEncoder {
    /// A name for status lines.
    var deviceName: String { get }
    /// Detents turned since the last call (positive clockwise).
    func takeDetents() throws(NeuroError) -> Int
    /// Sets the encoder's LED colour (0…1 per channel).
    func setColour(red: Double, green: Double, blue: Double) throws(NeuroError)
}

/// The module's push button as the firmware reads it.
public protocol ModuleButton {
    /// A name for status lines.
    var deviceName: String { get }
    /// Debounced changes since the last call: `true` for a press, `false` for a release, with
    /// their monotonic times in seconds.
    func takeChanges(now: Double) throws(NeuroError) -> [(pressed: Bool, time: Double)]
}

/// The module's screen as the firmware draws on it.
public protocol ModuleScreen {
    /// A name for status lines.
    var deviceName: String { get }
    /// Shows `frame`, sending only its damaged rectangle when the screen keeps the rest.
    func show(_ frame: inout Framebuffer) throws(NeuroError)
}

/// The devices of one module: two converters, the encoder, the button and the screen.
public struct ModuleDevices {
    /// ADC0 (gates, CV1, reference) and ADC1 (CV2…CV5).
    public var converters: [any ModuleConverter]
    /// The encoder, `nil` when it is absent.
    public var encoder: (any ModuleEncoder)?
    /// The button, `nil` when it is absent.
    public var button: (any ModuleButton)?
    /// The screen, `nil` when it is absent.
    public var screen: (any ModuleScreen)?

    /// Groups the devices.
    public init(
        converters: [any ModuleConverter], encoder: (any ModuleEncoder)?, button: (any ModuleButton)?, screen: (any ModuleScreen)?
    ) {
        self.converters = converters
        self.encoder = encoder
        self.button = button
        self.screen = screen
    }
}
