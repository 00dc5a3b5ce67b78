/// The ST7789 commands the driver sends (Sitronix ST7789VW datasheet, system function commands),
/// shared with ``SimulatedST7789``.
public enum ST7789Command: UInt8, Sendable, CaseIterable {
    /// SWRESET: software reset; wait 120 ms (we wait 150).
    case softwareReset = 0x01
    /// SLPIN: sleep in.
    case sleepIn = 0x10
    /// SLPOUT: sleep out; wait 5 ms before the next command.
    case sleepOut = 0x11
    /// NORON: normal display mode (no partial area).
    case normalMode = 0x13
    /// INVOFF: colours not inverted.
    case inversionOff = 0x20
    /// INVON: colours inverted (the IPS 240×240 panels need it to show true colours).
    case inversionOn = 0x21
    /// DISPOFF: panel off, memory kept.
    case displayOff = 0x28
    /// DISPON: panel on.
    case displayOn = 0x29
    /// CASET: column window, start and end (inclusive), 16 bits each, big-endian.
    case columnAddress = 0x2A
    /// RASET: row window, start and end (inclusive), 16 bits each, big-endian.
    case rowAddress = 0x2B
    /// RAMWR: pixels into the window, row by row.
    case memoryWrite = 0x2C
    /// MADCTL: memory access order (MY, MX, MV, ML, RGB/BGR).
    case memoryAccess = 0x36
    /// COLMOD: pixel format; 0x55 = 65 k colours, 16 bits per pixel (RGB565).
    case pixelFormat = 0x3A

    /// COLMOD's RGB565 value.
    public static let rgb565: UInt8 = 0x55
    /// The controller's frame memory: 240 columns × 320 rows.
    public static let memoryColumns = 240
    /// The controller's frame memory rows.
    public static let memoryRows = 320
}
