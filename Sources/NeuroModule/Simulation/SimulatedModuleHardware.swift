import NeuroCore
import NeuroHardware

/// The module's chips in memory, on a manual clock, with the real drivers on top: the two
/// ADS1015s and the encoder's IO expander on a simulated I2C bus, the button's GPIO line and the
/// ST7789 on simulated SPI. A simulation thus exercises the firmware down to the registers.
///
/// Script events change the jack voltages (through the divider around the reference), turn the
/// expander's encoder and move the button's line; the screen's image is what the simulated
/// ST7789 decoded from the SPI stream.
public final class SimulatedModuleHardware {
    /// The simulated time; the drivers' waits move it.
    public let clock: ManualClock
    /// The simulated chips (fault injection: `chips.bus.failNextTransfers(_:)`, `remove(address:)` …).
    public let chips: SimulatedModuleDevices
    /// The converter drivers the firmware reads, over the simulated bus.
    public let converters: [ADS1015]
    /// The firmware's devices: the converters, the encoder, the button and the screen, through their drivers.
    public let devices: ModuleDevices
    private let scaling: InputScaling
    private let referenceVolts: Double

    /// The hardware of `wiring`, every jack at 0 V, the reference at its nominal value.
    public init(wiring: ModuleWiring = .standard) {
        let clock = ManualClock()
        let addresses = [wiring.converterAddresses.0, wiring.converterAddresses.1]
        let chips = SimulatedModuleDevices(
            clock: clock, waiting: clock, converterAddresses: addresses, encoderAddress: wiring.encoderAddress,
            encoderPins: wiring.encoderPins, screenRowOffset: wiring.screenRowOffset)
        self.clock = clock
        self.chips = chips
        converters = addresses.map { ADS1015(bus: chips.bus, address: $0, waiting: clock) }
        let pins = wiring.encoderPins
        let leds = wiring.encoderLEDPins
        let encoder = RGBEncoder(
            bus: chips.bus, address: wiring.encoderAddress,
            pins: RGBEncoder.Pins(a: pins.a, b: pins.b, common: pins.common, red: leds.red, green: leds.green, blue: leds.blue), waiting: clock)
        let button = PushButton(line: chips.button, debounceNanoseconds: UInt64(wiring.buttonDebounceSeconds * 1e9))
        // The panel's reset and wake-up delays are not simulated: on the module the screen has its
        // own thread (BackgroundScreen), so they never hold the inputs; here they would.
        let screen = ST7789(
            spi: chips.screen, dataCommand: chips.screenDataCommand, reset: chips.screenReset, rowOffset: wiring.screenRowOffset,
            waiting: InstantWaiting())
        devices = ModuleDevices(converters: converters, encoder: EncoderPort(encoder), button: ButtonPort(button), screen: ScreenPort(screen))
        scaling = InputScaling(wiring: wiring)
        referenceVolts = wiring.nominalReferenceVolts
        let reference = ModuleInput.referenceChannel
        chips.converters[reference.converter].setVolts(referenceVolts, channel: reference.channel)
        for input in ModuleInput.allCases { setJack(input, volts: 0) }
    }

    /// Sets the voltage patched into `input`'s jack.
    public func setJack(_ input: ModuleInput, volts: Double) {
        let place = input.converterChannel
        chips.converters[place.converter].setVolts(scaling.pinVolts(jack: volts, reference: referenceVolts), channel: place.channel)
    }

    /// Carries out one script action on the chips.
    public func apply(_ action: SimulationScript.Action) {
        switch action {
        case .jack(let input, let volts): setJack(input, volts: volts)
        case .encoder(let detents): chips.expander.turn(detents: detents)
        case .button(let pressed): chips.button.setLevel(!pressed)
        }
    }

    /// What the simulated screen shows now.
    public var screenImage: Framebuffer? { Framebuffer(screenPixels: chips.screen.image) }

    /// The simulated time in seconds.
    public var seconds: Double { Double(clock.nowNanoseconds()) / 1e9 }

    /// Moves the simulated time forward to `seconds` (never back).
    public func advance(to seconds: Double) {
        let target = UInt64(max(seconds, 0) * 1e9)
        let now = clock.nowNanoseconds()
        if target > now { clock.advance(byNanoseconds: target - now) }
    }
}

/// Waits that take no time: for simulated chips whose delays are not part of the simulation.
struct InstantWaiting: DeviceWaiting {
    /// Returns at once.
    func wait(nanoseconds: UInt64) {}
}
