import NeuroCore
import Testing
@testable import NeuroHardware

@Suite struct ST7789Tests {
    private func rig() -> (SimulatedST7789, ST7789, SimulatedGPIOLine) {
        let clock = ManualClock()
        let dataCommand = SimulatedGPIOLine(name: "dc", clock: clock, waiting: clock)
        let reset = SimulatedGPIOLine(name: "reset", clock: clock, waiting: clock)
        let panel = SimulatedST7789(dataCommand: dataCommand, reset: reset, rowOffset: 80)
        let driver = ST7789(spi: panel, dataCommand: dataCommand, reset: reset, rowOffset: 80, waiting: clock)
        return (panel, driver, reset)
    }

    private func gradient() -> [UInt16] {
        (0..<(240 * 240)).map { UInt16(truncatingIfNeeded: ($0 / 240) << 8 | ($0 % 240)) }
    }

    @Test func initializeWakesThePanelInRGB565() throws {
        let (panel, driver, reset) = rig()
        #expect(!panel.isShowing)
        try driver.initialize()
        #expect(panel.isShowing)
        #expect(panel.isInverted)
        #expect(panel.pixelFormat == ST7789Command.rgb565)
        #expect(reset.timesDrivenLow == 1)
        #expect(panel.commands.first == ST7789Command.softwareReset.rawValue)
        #expect(panel.commands.last == ST7789Command.displayOn.rawValue)
    }

    @Test func aFullFrameLandsOnThePanelRowsAfterTheOffset() throws {
        let (panel, driver, _) = rig()
        try driver.initialize()
        let frame = gradient()
        try driver.writeFrame(frame)
        #expect(panel.image == frame)
        #expect(panel.pixelsWritten == 240 * 240)
        #expect(panel.pixel(x: 17, y: 203) == frame[203 * 240 + 17])
    }

    @Test func aDirtyRectangleSendsOnlyItsPixels() throws {
        let (panel, driver, _) = rig()
        try driver.initialize()
        try driver.writeFrame([UInt16](repeating: 0, count: 240 * 240))
        var frame = [UInt16](repeating: 0, count: 240 * 240)
        let region = ST7789.Rectangle(x: 30, y: 200, width: 50, height: 40)
        for y in region.y..<(region.y + region.height) {
            for x in region.x..<(region.x + region.width) { frame[y * 240 + x] = 0xF800 }
        }
        frame[0] = 0x07E0
        try driver.write(frame, region: region)
        #expect(panel.pixelsWritten == 240 * 240 + 50 * 40)
        #expect(panel.pixel(x: 30, y: 200) == 0xF800)
        #expect(panel.pixel(x: 79, y: 239) == 0xF800)
        #expect(panel.pixel(x: 80, y: 239) == 0)
        #expect(panel.pixel(x: 0, y: 0) == 0, "outside the dirty rectangle nothing is sent")
    }

    @Test func badFramesAndRegionsAreRefusedBeforeAnyTraffic() throws {
        let (panel, driver, _) = rig()
        #expect(throws: HardwareError.self) { try driver.writeFrame([0, 1, 2]) }
        let frame = [UInt16](repeating: 0, count: 240 * 240)
        for region in [ST7789.Rectangle(x: 200, y: 0, width: 41, height: 1), .init(x: 0, y: -1, width: 1, height: 1), .init(x: 0, y: 0, width: 0, height: 5)] {
            #expect(throws: HardwareError.self) { try driver.write(frame, region: region) }
        }
        #expect(panel.commands.isEmpty)
    }

    @Test func aResetPulseBringsBackThePowerOnState() throws {
        let (panel, driver, reset) = rig()
        try driver.initialize()
        try reset.set(false)
        try reset.set(true)
        try driver.setDisplayOn(true)
        #expect(!panel.isShowing, "after a reset the controller sleeps until SLPOUT")
        try driver.initialize()
        #expect(panel.isShowing)
    }
}
