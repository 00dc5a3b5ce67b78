import NeuroCore

/// Every simulated chip of the Neurorack module, wired as the real board: two ADS1015 and the
/// encoder's IO expander on one I2C bus, the button's GPIO line, and the ST7789 with its D/C
/// and reset lines. The firmware's `--simulate` mode builds its drivers on these.
public final class SimulatedModuleDevices: Sendable {
    /// The I2C bus (fault injection and chip removal go through it).
    public let bus: SimulatedI2CBus
    /// The converters at the first and second address (the first carries the gates).
    public let converters: [SimulatedADS1015]
    /// The encoder's IO expander.
    public let expander: SimulatedIOExpander
    /// The push button's line (high when released).
    public let button: SimulatedGPIOLine
    /// The screen.
    public let screen: SimulatedST7789
    /// The screen's data/command line.
    public let screenDataCommand: SimulatedGPIOLine
    /// The screen's reset line.
    public let screenReset: SimulatedGPIOLine

    /// Creates the chips, timed by `clock`; the defaults are the original build's wiring.
    public init(
        clock: any HostClock, waiting: any DeviceWaiting, converterAddresses: [UInt8] = [0x48, 0x49], encoderAddress: UInt8 = 0x0F,
        encoderPins: (a: UInt8, b: UInt8, common: UInt8) = (12, 3, 11), screenRowOffset: Int = 80, seed: UInt64 = 0
    ) {
        bus = SimulatedI2CBus(path: "simulated-i2c-1", seed: seed)
        converters = converterAddresses.map { _ in SimulatedADS1015(clock: clock) }
        for (address, converter) in zip(converterAddresses, converters) { bus.attach(converter, at: address) }
        expander = SimulatedIOExpander(a: encoderPins.a, b: encoderPins.b, common: encoderPins.common)
        bus.attach(expander, at: encoderAddress)
        button = SimulatedGPIOLine(name: "simulated-gpiochip0 line 50", initialLevel: true, clock: clock, waiting: waiting)
        screenDataCommand = SimulatedGPIOLine(name: "simulated-gpiochip0 line 13", clock: clock, waiting: waiting)
        screenReset = SimulatedGPIOLine(name: "simulated-gpiochip0 line 15", clock: clock, waiting: waiting)
        screen = SimulatedST7789(path: "simulated-spidev0.0", dataCommand: screenDataCommand, reset: screenReset, rowOffset: screenRowOffset)
    }
}
