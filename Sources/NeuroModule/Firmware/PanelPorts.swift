import NeuroCore
import NeuroHardware

/// The RGB encoder as the firmware's ``ModuleEncoder``: configures the expander on first use
/// and again after a failure (a chip that came back has lost its set-up).
public final class EncoderPort: ModuleEncoder {
    private let encoder: RGBEncoder
    private var isConfigured = false

    /// Wraps `encoder`; no bus traffic until the first read.
    public init(_ encoder: RGBEncoder) {
        self.encoder = encoder
    }

    /// The bus path and the expander's address.
    public var deviceName: String { encoder.bus.deviceName(address: encoder.address) }

    /// Detents since the last call.
    public func takeDetents() throws(NeuroError) -> Int {
        try configured { () throws(HardwareError) in try encoder.readDelta() }
    }

    /// Sets the LED colour.
    public func setColour(red: Double, green: Double, blue: Double) throws(NeuroError) {
        try configured { () throws(HardwareError) in try encoder.setColor(red: red, green: green, blue: blue) }
    }

    private func configured<T>(_ body: () throws(HardwareError) -> T) throws(NeuroError) -> T {
        do {
            if !isConfigured {
                try encoder.configure()
                isConfigured = true
            }
            return try body()
        } catch {
            isConfigured = false
            throw error.neuroError
        }
    }
}

/// The push button as the firmware's ``ModuleButton``: drains the debounced presses and releases.
public final class ButtonPort: ModuleButton {
    private let button: PushButton
    /// The most changes taken per call (a line that chatters cannot hold the firmware).
    static let maxChangesPerCall = 8

    /// Wraps `button`.
    public init(_ button: PushButton) {
        self.button = button
    }

    /// The GPIO line's name.
    public var deviceName: String { button.line.name }

    /// The debounced changes since the last call, with their edge times in seconds.
    public func takeChanges(now: Double) throws(NeuroError) -> [(pressed: Bool, time: Double)] {
        var changes: [(pressed: Bool, time: Double)] = []
        do {
            while changes.count < Self.maxChangesPerCall, let event = try button.poll(timeoutNanoseconds: 0) {
                changes.append((event.kind == .press, Double(event.timeNanoseconds) / 1e9))
            }
        } catch {
            throw error.neuroError
        }
        return changes
    }
}

/// The ST7789 as the firmware's ``ModuleScreen``: initialises the panel on first use and after
/// a failure (then sends the whole frame), otherwise sends only the damaged rectangle.
public final class ScreenPort: ModuleScreen {
    private let screen: ST7789
    private var isInitialised = false

    /// Wraps `screen`; nothing is sent until the first frame.
    public init(_ screen: ST7789) {
        self.screen = screen
    }

    /// The SPI device's path.
    public var deviceName: String { screen.spi.path }

    /// Sends `frame`'s damage (all of it after a (re)initialisation) and clears the damage.
    public func show(_ frame: inout Framebuffer) throws(NeuroError) {
        do {
            let damage = frame.takeDamage()
            if !isInitialised {
                try screen.initialize()
                isInitialised = true
                try screen.writeFrame(frame.pixels)
            } else if let damage {
                try screen.write(frame.pixels, region: ST7789.Rectangle(x: damage.x, y: damage.y, width: damage.width, height: damage.height))
            }
        } catch {
            isInitialised = false
            throw error.neuroError
        }
    }
}
