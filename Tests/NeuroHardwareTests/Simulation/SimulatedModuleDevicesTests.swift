import NeuroCore
import Testing
@testable import NeuroHardware

@Suite struct SimulatedModuleDevicesTests {
    @Test func theDriversRunOnTheSimulatedModuleAsOnTheBoard() throws {
        let clock = ManualClock()
        let devices = SimulatedModuleDevices(clock: clock, waiting: clock)
        devices.converters[1].setVolts(1.5, channel: 2)
        let second = ADS1015(bus: devices.bus, address: 0x49, waiting: clock)
        #expect(abs(try second.volts(channel: 2) - 1.5) <= 0.001)
        let encoder = RGBEncoder(bus: devices.bus, waiting: clock)
        try encoder.configure()
        devices.expander.turn(detents: -2)
        #expect(try encoder.readDelta() == -2)
        let button = PushButton(line: devices.button)
        devices.button.setLevel(false, atNanoseconds: clock.nowNanoseconds() + 1_000)
        #expect(try button.poll(timeoutNanoseconds: 10_000_000)?.kind == .press)
        let screen = ST7789(spi: devices.screen, dataCommand: devices.screenDataCommand, reset: devices.screenReset, waiting: clock)
        try screen.initialize()
        try screen.writeFrame([UInt16](repeating: 0x001F, count: 240 * 240))
        #expect(devices.screen.isShowing && devices.screen.image.allSatisfy { $0 == 0x001F })
    }
}
