import Synchronization

/// An ST7789 controller in memory: decodes the SPI byte stream with the level of its D/C line
/// into a 240 × 320 RGB565 frame memory, and shows the panel's 240 × 240 window of it.
///
/// A byte with D/C low is a command; bytes with D/C high are its parameters or, after RAMWR,
/// pixels (high byte first) that fill the CASET/RASET window row by row and wrap. SWRESET and a
/// low pulse on the reset line bring back the power-on state (asleep, display off, memory
/// kept). MADCTL is recorded but its mirroring is not applied: the frame is in the driver's
/// coordinates. Tests and the firmware's `--screen-out` read ``image`` to see the screen.
public final class SimulatedST7789: SPIDevice {
    /// The device's name in errors.
    public let path: String
    /// The controller row of the panel's first row.
    public let rowOffset: Int
    private let dataCommand: SimulatedGPIOLine
    private let reset: SimulatedGPIOLine?
    private let state = Mutex(State())

    private struct State {
        var memory = [UInt16](repeating: 0, count: ST7789Command.memoryColumns * ST7789Command.memoryRows)
        var command: UInt8?
        var parameters: [UInt8] = []
        var columns = 0...(ST7789Command.memoryColumns - 1)
        var rows = 0...(ST7789Command.memoryRows - 1)
        var cursor = (column: 0, row: 0)
        var highByte: UInt8?
        var isAsleep = true
        var isDisplayOn = false
        var isInverted = false
        var pixelFormat: UInt8?
        var memoryAccess: UInt8 = 0
        var commands: [UInt8] = []
        var pixelsWritten = 0
        var resetsSeen = 0

        mutating func powerOn() {
            (isAsleep, isDisplayOn, isInverted, pixelFormat, memoryAccess) = (true, false, false, nil, 0)
            columns = 0...(ST7789Command.memoryColumns - 1)
            rows = 0...(ST7789Command.memoryRows - 1)
            command = nil
            highByte = nil
        }
    }

    /// Creates the controller listening to `dataCommand` and, if wired, `reset`.
    public init(path: String = "simulated-spi", dataCommand: SimulatedGPIOLine, reset: SimulatedGPIOLine? = nil, rowOffset: Int = 80) {
        self.path = path
        self.dataCommand = dataCommand
        self.reset = reset
        self.rowOffset = rowOffset
    }

    /// The panel: 240 × 240 RGB565 values, row-major (controller rows `rowOffset…rowOffset+239`).
    public var image: [UInt16] {
        state.withLock { state in
            let start = rowOffset * ST7789Command.memoryColumns
            return Array(state.memory[start..<(start + ST7789.width * ST7789.height)])
        }
    }

    /// The panel pixel at column `x`, row `y`.
    public func pixel(x: Int, y: Int) -> UInt16 {
        state.withLock { $0.memory[(y + rowOffset) * ST7789Command.memoryColumns + x] }
    }

    /// Whether the panel is on and awake (DISPON after SLPOUT).
    public var isShowing: Bool {
        state.withLock { $0.isDisplayOn && !$0.isAsleep }
    }

    /// Whether colours are inverted (INVON).
    public var isInverted: Bool {
        state.withLock { $0.isInverted }
    }

    /// The COLMOD value last written, if any.
    public var pixelFormat: UInt8? {
        state.withLock { $0.pixelFormat }
    }

    /// The MADCTL value.
    public var memoryAccess: UInt8 {
        state.withLock { $0.memoryAccess }
    }

    /// Every command byte received, in order.
    public var commands: [UInt8] {
        state.withLock { $0.commands }
    }

    /// Pixels written to memory since creation.
    public var pixelsWritten: Int {
        state.withLock { $0.pixelsWritten }
    }

    /// Decodes `bytes` as commands (D/C low) or data (D/C high); ignored while reset is held low.
    public func write(_ bytes: [UInt8]) throws(HardwareError) {
        let isData = dataCommand.level
        let pulses = reset?.timesDrivenLow ?? 0
        let inReset = reset.map { !$0.level } ?? false
        state.withLock { state in
            if pulses > state.resetsSeen {
                state.resetsSeen = pulses
                state.powerOn()
            }
            guard !inReset else { return }
            for byte in bytes {
                if isData { data(byte, &state) } else { command(byte, &state) }
            }
        }
    }

    private func command(_ byte: UInt8, _ state: inout State) {
        state.commands.append(byte)
        state.command = byte
        state.parameters = []
        state.highByte = nil
        switch ST7789Command(rawValue: byte) {
        case .softwareReset: state.powerOn()
        case .sleepIn: state.isAsleep = true
        case .sleepOut: state.isAsleep = false
        case .displayOn: state.isDisplayOn = true
        case .displayOff: state.isDisplayOn = false
        case .inversionOn: state.isInverted = true
        case .inversionOff: state.isInverted = false
        case .memoryWrite: state.cursor = (state.columns.lowerBound, state.rows.lowerBound)
        case .normalMode, .columnAddress, .rowAddress, .memoryAccess, .pixelFormat, nil: break
        }
    }

    private func data(_ byte: UInt8, _ state: inout State) {
        guard let current = state.command.flatMap(ST7789Command.init(rawValue:)) else { return }
        if current == .memoryWrite {
            guard let high = state.highByte else {
                state.highByte = byte
                return
            }
            state.highByte = nil
            store(UInt16(high) << 8 | UInt16(byte), &state)
            return
        }
        guard state.parameters.count < 4 else { return }
        state.parameters.append(byte)
        let parameters = state.parameters
        switch current {
        case .pixelFormat where parameters.count == 1: state.pixelFormat = byte
        case .memoryAccess where parameters.count == 1: state.memoryAccess = byte
        case .columnAddress where parameters.count == 4:
            state.columns = Self.window(parameters, limit: ST7789Command.memoryColumns)
        case .rowAddress where parameters.count == 4:
            state.rows = Self.window(parameters, limit: ST7789Command.memoryRows)
        default: break
        }
    }

    private func store(_ pixel: UInt16, _ state: inout State) {
        state.memory[state.cursor.row * ST7789Command.memoryColumns + state.cursor.column] = pixel
        state.pixelsWritten += 1
        if state.cursor.column < state.columns.upperBound {
            state.cursor.column += 1
            return
        }
        state.cursor.column = state.columns.lowerBound
        state.cursor.row = state.cursor.row < state.rows.upperBound ? state.cursor.row + 1 : state.rows.lowerBound
    }

    /// A start–end window from four big-endian bytes, clamped to the memory (an end before the start counts as the start).
    private static func window(_ bytes: [UInt8], limit: Int) -> ClosedRange<Int> {
        let start = min(limit - 1, Int(bytes[0]) << 8 | Int(bytes[1]))
        let end = min(limit - 1, max(start, Int(bytes[2]) << 8 | Int(bytes[3])))
        return start...end
    }
}
