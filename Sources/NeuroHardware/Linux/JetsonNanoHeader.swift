/// The Jetson Nano developer kit's 40-pin header: which `/dev/gpiochip0` (tegra-gpio) line each
/// GPIO-capable pin is.
///
/// The Tegra X1 names its GPIOs by port and bit (PG.02); tegra-gpio numbers them
/// `8 × port + bit` with ports A = 0 … Z = 25, AA = 26 … EE = 30, and the chip's base is 0.
/// The table is the carrier board's pin list (NVIDIA's Jetson Nano carrier board
/// specification); it was not checked on a board here.
public enum JetsonNanoHeader {
    /// The GPIO character device of the header's pins.
    public static let chipPath = "/dev/gpiochip0"

    /// The Tegra port name of each GPIO-capable header pin.
    public static let tegraPorts: [Int: (port: String, bit: Int)] = [
        7: ("BB", 0), 11: ("G", 2), 12: ("J", 7), 13: ("B", 6), 15: ("Y", 2), 16: ("DD", 0), 18: ("B", 7),
        19: ("C", 0), 21: ("C", 1), 22: ("B", 5), 23: ("C", 2), 24: ("C", 3), 26: ("C", 4), 29: ("S", 5),
        31: ("Z", 0), 32: ("V", 0), 33: ("E", 6), 35: ("J", 4), 36: ("G", 3), 37: ("B", 4), 38: ("J", 5),
        40: ("J", 6),
    ]

    /// The gpiochip0 line offset of header pin `pin`, or `nil` for a pin that is not a GPIO
    /// (power, ground, I2C, UART).
    ///
    /// The module uses pin 11 (button, line 50), 22 (screen D/C, line 13) and 18 (screen reset, line 15).
    public static func lineOffset(pin: Int) -> Int? {
        guard let (port, bit) = tegraPorts[pin] else { return nil }
        let letters = port.unicodeScalars.map { Int($0.value) - Int(UnicodeScalar("A").value) }
        let index = letters.count == 1 ? letters[0] : 26 + letters[0]
        return 8 * index + bit
    }

    /// The module's screen data/command pin (BCM 25 in the original Python).
    public static let screenDataCommandPin = 22
    /// The module's screen reset pin (BCM 24 in the original Python).
    public static let screenResetPin = 18
    /// The screen's spidev node (SPI1 on pins 19/21/23, chip select 0 on pin 24).
    public static let screenSPIPath = "/dev/spidev0.0"
    /// The I2C bus of header pins 3 and 5.
    public static let i2cBusPath = "/dev/i2c-1"
}
