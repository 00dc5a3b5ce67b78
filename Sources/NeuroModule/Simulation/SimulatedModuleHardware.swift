import NeuroCore
import NeuroHardware

/// The module's chips in memory, on a manual clock: two ADS1015s on a simulated I2C bus, driven
/// through the same drivers as the real module, so a simulation exercises the firmware down to
/// the registers.
///
/// Script events change the jack voltages (through the divider around the reference), which the
/// simulated converters quantise like the real ones.
public final class SimulatedModuleHardware {
    /// The simulated time; the drivers' waits move it.
    public let clock: ManualClock
    /// The simulated I2C bus (fault injection: ``SimulatedI2CBus/failNextTransfers(_:)`` …).
    public let bus: SimulatedI2CBus
    /// ADC0 (gates, CV1, reference) and ADC1 (CV2…CV5).
    public let converterChips: [SimulatedADS1015]
    /// The drivers the firmware reads, over ``bus``.
    public let converters: [ADS1015]
    private let scaling: InputScaling
    private let referenceVolts: Double

    /// The hardware of `wiring`, every jack at 0 V, the reference at its nominal value.
    public init(wiring: ModuleWiring = .standard) {
        let clock = ManualClock()
        let bus = SimulatedI2CBus(path: "simulated-i2c")
        let addresses = [wiring.converterAddresses.0, wiring.converterAddresses.1]
        let chips = addresses.map { _ in SimulatedADS1015(clock: clock) }
        for (chip, address) in zip(chips, addresses) { bus.attach(chip, at: address) }
        self.clock = clock
        self.bus = bus
        converterChips = chips
        converters = addresses.map { ADS1015(bus: bus, address: $0, waiting: clock) }
        scaling = InputScaling(wiring: wiring)
        referenceVolts = wiring.nominalReferenceVolts
        let reference = ModuleInput.referenceChannel
        converterChips[reference.converter].setVolts(referenceVolts, channel: reference.channel)
        for input in ModuleInput.allCases { setJack(input, volts: 0) }
    }

    /// Sets the voltage patched into `input`'s jack.
    public func setJack(_ input: ModuleInput, volts: Double) {
        let place = input.converterChannel
        converterChips[place.converter].setVolts(scaling.pinVolts(jack: volts, reference: referenceVolts), channel: place.channel)
    }

    /// Carries out one script action on the chips.
    public func apply(_ action: SimulationScript.Action) {
        switch action {
        case .jack(let input, let volts): setJack(input, volts: volts)
        case .encoder, .button: break
        }
    }

    /// The simulated time in seconds.
    public var seconds: Double { Double(clock.nowNanoseconds()) / 1e9 }

    /// Moves the simulated time forward to `seconds` (never back).
    public func advance(to seconds: Double) {
        let target = UInt64(max(seconds, 0) * 1e9)
        let now = clock.nowNanoseconds()
        if target > now { clock.advance(byNanoseconds: target - now) }
    }
}
