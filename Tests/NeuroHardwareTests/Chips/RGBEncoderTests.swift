import NeuroCore
import Testing
@testable import NeuroHardware

@Suite struct RGBEncoderTests {
    private func rig() -> (SimulatedI2CBus, SimulatedIOExpander, RGBEncoder) {
        let bus = SimulatedI2CBus(path: "sim-i2c-1")
        let expander = SimulatedIOExpander()
        bus.attach(expander, at: 0x0F)
        return (bus, expander, RGBEncoder(bus: bus, waiting: ManualClock()))
    }

    @Test func configureSetsUpThePinsTheEncoderAndThePWM() throws {
        let (_, expander, encoder) = rig()
        #expect(!expander.turn(detents: 1), "an unconfigured expander must not count")
        try encoder.configure()
        #expect(expander.mode(pin: 12) == .quasiBidirectional)
        #expect(expander.mode(pin: 3) == .quasiBidirectional)
        #expect(expander.mode(pin: 11) == .openDrain)
        #expect(expander.register(IOExpanderRegister.encoderConfig(channel: 1)) == 12 | 3 << 4)
        #expect(expander.register(IOExpanderRegister.encoderEnable) & 0b11 == 0b01)
        for led in [UInt8(1), 7, 2] {
            #expect(expander.mode(pin: led) == .pushPull)
            #expect(expander.ledBrightness(pin: led) == 0)
        }
        #expect(expander.turn(detents: 1))
    }

    @Test func turnsComeBackAsSignedDetentDeltasAcrossTheCounterWrap() throws {
        let (_, expander, encoder) = rig()
        try encoder.configure()
        #expect(try encoder.readDelta() == 0)
        expander.turn(detents: 3)
        #expect(try encoder.readDelta() == 3)
        expander.turn(detents: -5)
        #expect(try encoder.readDelta() == -5)
        var total = 0
        for _ in 0..<10 {
            expander.turn(detents: 100)
            total += try encoder.readDelta()
        }
        #expect(total == 1000)
        expander.turn(detents: -120)
        #expect(try encoder.readDelta() == -120)
    }

    @Test func theLEDColourIsThePWMDutyScaledByBrightness() throws {
        let (_, expander, encoder) = rig()
        try encoder.configure()
        try encoder.setColor(red: 1, green: 0.5, blue: 0)
        #expect(abs(expander.ledBrightness(pin: 1) - 0.5) < 0.01)
        #expect(abs(expander.ledBrightness(pin: 7) - 0.25) < 0.01)
        #expect(expander.ledBrightness(pin: 2) == 0)
        try encoder.setColor(red: .nan, green: 2, blue: -1)
        #expect(expander.ledBrightness(pin: 1) == 0)
        #expect(abs(expander.ledBrightness(pin: 7) - 0.5) < 0.01)
    }

    @Test func aWrongChipIDIsAnUnexpectedResponse() {
        let bus = SimulatedI2CBus(path: "sim-i2c-1")
        bus.attach(SimulatedADS1015(clock: ManualClock()), at: 0x0F)
        let encoder = RGBEncoder(bus: bus, retry: .never, waiting: ManualClock())
        #expect {
            try encoder.configure()
        } throws: { error in
            guard let error = error as? HardwareError else { return false }
            return error.kind == .unexpectedResponse && error.description.contains("0xE26A")
        }
    }

    @Test func pinsWithoutPWMAreRefusedAsLEDs() {
        let bus = SimulatedI2CBus()
        bus.attach(SimulatedIOExpander(), at: 0x0F)
        var pins = RGBEncoder.Pins.breakout
        pins.red = 11
        let encoder = RGBEncoder(bus: bus, pins: pins, waiting: ManualClock())
        #expect {
            try encoder.configure()
        } throws: { ($0 as? HardwareError)?.kind == .invalidRequest }
        #expect(bus.counts.transfers == 0)
    }

    @Test func aGlitchDuringReadIsRetriedAndARemovedExpanderIsReported() throws {
        let (bus, expander, encoder) = rig()
        try encoder.configure()
        expander.turn(detents: 2)
        bus.failNextTransfers(2)
        #expect(try encoder.readDelta() == 2)
        bus.remove(address: 0x0F)
        #expect {
            try encoder.readDelta()
        } throws: { ($0 as? HardwareError)?.kind == .noAcknowledge }
    }
}
