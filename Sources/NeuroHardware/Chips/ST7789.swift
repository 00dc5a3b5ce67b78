/// The Sitronix ST7789 LCD controller of the module's 240×240 IPS panel, over SPI with a
/// data/command GPIO line and an optional reset line.
///
/// ``initialize()`` pulses reset, then sends SWRESET, SLPOUT, COLMOD (RGB565), MADCTL, INVON,
/// NORON and DISPON with the datasheet's waits. Pixels are RGB565, row-major, 240 per row, sent
/// high byte first. The panel's 240 rows sit at controller rows `rowOffset…rowOffset+239` (80
/// for this panel on a 240×320 controller), so every row address is shifted by ``rowOffset``.
public final class ST7789: Sendable {
    /// A rectangle of panel pixels.
    public struct Rectangle: Sendable, Equatable {
        /// Left column.
        public var x: Int
        /// Top row.
        public var y: Int
        /// Columns.
        public var width: Int
        /// Rows.
        public var height: Int

        /// Creates a rectangle.
        public init(x: Int, y: Int, width: Int, height: Int) {
            (self.x, self.y, self.width, self.height) = (x, y, width, height)
        }

        /// The whole panel.
        public static let panel = Rectangle(x: 0, y: 0, width: ST7789.width, height: ST7789.height)
    }

    /// Panel columns.
    public static let width = 240
    /// Panel rows.
    public static let height = 240

    /// The SPI device.
    public let spi: any SPIDevice
    /// The D/C line: low for a command byte, high for its parameters and pixels.
    public let dataCommand: any GPIOOutputLine
    /// The reset line (active low), if wired.
    public let reset: (any GPIOOutputLine)?
    /// The controller row of the panel's first row.
    public let rowOffset: Int
    /// The MADCTL value (0: top-to-bottom, left-to-right, RGB order).
    public let memoryAccess: UInt8
    /// How the driver waits after reset and commands.
    public let waiting: any DeviceWaiting

    /// Creates the driver; no traffic until ``initialize()``.
    public init(
        spi: any SPIDevice, dataCommand: any GPIOOutputLine, reset: (any GPIOOutputLine)?, rowOffset: Int = 80,
        memoryAccess: UInt8 = 0x00, waiting: any DeviceWaiting = ThreadSleep()
    ) {
        self.spi = spi
        self.dataCommand = dataCommand
        self.reset = reset
        self.rowOffset = rowOffset
        self.memoryAccess = memoryAccess
        self.waiting = waiting
    }

    /// Resets the controller and turns the panel on (contents undefined until the first frame).
    ///
    /// Call it again after an SPI failure to bring the controller back to a known state.
    public func initialize() throws(HardwareError) {
        if let reset {
            try reset.set(true)
            waiting.wait(nanoseconds: 1_000_000)
            try reset.set(false)
            waiting.wait(nanoseconds: 1_000_000)
            try reset.set(true)
            waiting.wait(nanoseconds: 120_000_000)
        }
        try send(.softwareReset)
        waiting.wait(nanoseconds: 150_000_000)
        try send(.sleepOut)
        waiting.wait(nanoseconds: 10_000_000)
        try send(.pixelFormat, [ST7789Command.rgb565])
        try send(.memoryAccess, [memoryAccess])
        try send(.inversionOn)
        try send(.normalMode)
        waiting.wait(nanoseconds: 10_000_000)
        try send(.displayOn)
        waiting.wait(nanoseconds: 10_000_000)
    }

    /// Sends a whole frame: `pixels` holds 240 × 240 RGB565 values, row-major.
    public func writeFrame(_ pixels: [UInt16]) throws(HardwareError) {
        try write(pixels, region: .panel)
    }

    /// Sends only `region` of the frame `pixels` (240 × 240, row-major): the dirty rectangle.
    ///
    /// - Throws: ``HardwareError/Kind/invalidRequest`` for a frame of another size or a region
    ///   outside the panel; the SPI or GPIO error otherwise.
    public func write(_ pixels: [UInt16], region: Rectangle) throws(HardwareError) {
        guard pixels.count == Self.width * Self.height else {
            throw HardwareError(.invalidRequest, device: spi.path, operation: "write frame", hint: "a frame is \(Self.width)×\(Self.height) pixels, got \(pixels.count)")
        }
        guard region.width > 0, region.height > 0, region.x >= 0, region.y >= 0,
            region.x + region.width <= Self.width, region.y + region.height <= Self.height
        else {
            throw HardwareError(.invalidRequest, device: spi.path, operation: "write region \(region)", hint: "the region must lie inside the 240×240 panel")
        }
        let firstRow = region.y + rowOffset
        try send(.columnAddress, Self.bigEndianPair(region.x, region.x + region.width - 1))
        try send(.rowAddress, Self.bigEndianPair(firstRow, firstRow + region.height - 1))
        var bytes = [UInt8]()
        bytes.reserveCapacity(region.width * region.height * 2)
        for row in region.y..<(region.y + region.height) {
            let start = row * Self.width + region.x
            for pixel in pixels[start..<(start + region.width)] {
                bytes.append(UInt8(pixel >> 8))
                bytes.append(UInt8(pixel & 0xFF))
            }
        }
        try send(.memoryWrite, bytes)
    }

    /// Turns the panel on or off (memory kept).
    public func setDisplayOn(_ on: Bool) throws(HardwareError) {
        try send(on ? .displayOn : .displayOff)
    }

    private func send(_ command: ST7789Command, _ parameters: [UInt8] = []) throws(HardwareError) {
        try dataCommand.set(false)
        try spi.write([command.rawValue])
        guard !parameters.isEmpty else { return }
        try dataCommand.set(true)
        try spi.write(parameters)
    }

    private static func bigEndianPair(_ start: Int, _ end: Int) -> [UInt8] {
        [UInt8(start >> 8), UInt8(start & 0xFF), UInt8(end >> 8), UInt8(end & 0xFF)]
    }
}
