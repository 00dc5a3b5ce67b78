/// A colour in the ST7789's 16-bit format: 5 bits red, 6 bits green, 5 bits blue (red in the high bits).
public struct RGB565: Sendable, Hashable {
    /// The packed 16-bit value, as stored in ``Framebuffer/pixels``.
    public var rawValue: UInt16

    /// The colour with this packed value.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The nearest colour to 8-bit `red`, `green`, `blue` (the low bits are dropped).
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        rawValue = UInt16(red >> 3) << 11 | UInt16(green >> 2) << 5 | UInt16(blue >> 3)
    }

    /// The colour widened to 8 bits per channel, the top bits repeated into the low ones (so white stays 255).
    public var rgb8: (red: UInt8, green: UInt8, blue: UInt8) {
        let red = UInt8(rawValue >> 11), green = UInt8((rawValue >> 5) & 0x3F), blue = UInt8(rawValue & 0x1F)
        return (red << 3 | red >> 2, green << 2 | green >> 4, blue << 3 | blue >> 2)
    }

    /// Black, the screen's background.
    public static let black = RGB565(rawValue: 0x0000)
    /// White.
    public static let white = RGB565(rawValue: 0xFFFF)
}
