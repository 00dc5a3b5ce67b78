/// An RGB565 image of the screen, row-major, with the damaged rectangle since the last flush.
///
/// ``pixels`` is exactly what the ST7789 driver takes: `width × height` values, row after row,
/// each an ``RGB565/rawValue``. Every write that changes a pixel grows ``damage``; the firmware
/// sends that rectangle and calls ``takeDamage()``. Drawing clips to the image (and to a clip
/// rectangle where one is given), so no coordinate can crash it. Not for the audio thread.
public struct Framebuffer: Sendable, Equatable {
    /// The module screen's side in pixels (240 × 240).
    public static let screenSide = 240

    /// The number of columns.
    public let width: Int
    /// The number of rows.
    public let height: Int
    /// The pixels, row-major: pixel (x, y) is `pixels[y * width + x]`.
    public private(set) var pixels: [UInt16]
    /// The smallest rectangle holding every pixel changed since the last ``takeDamage()``, or `nil`.
    public private(set) var damage: PixelRect?

    /// An image of `width × height` pixels (the screen's 240 × 240 by default) filled with `color`, undamaged.
    public init(width: Int = screenSide, height: Int = screenSide, color: RGB565 = .black) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = Array(repeating: color.rawValue, count: self.width * self.height)
    }

    /// The 240 × 240 image `pixels` (RGB565, row-major), undamaged; `nil` when the count is not 240 · 240.
    public init?(screenPixels pixels: [UInt16]) {
        guard pixels.count == Self.screenSide * Self.screenSide else { return nil }
        width = Self.screenSide
        height = Self.screenSide
        self.pixels = pixels
    }

    /// The whole image as a rectangle.
    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// The colour of pixel (`x`, `y`), or `nil` outside the image.
    public func color(x: Int, y: Int) -> RGB565? {
        bounds.contains(x: x, y: y) ? RGB565(rawValue: pixels[y * width + x]) : nil
    }

    /// The pixels of `rect` (clipped to the image), row-major: what a partial screen update sends.
    public func pixels(in rect: PixelRect) -> [UInt16] {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return [] }
        return (area.y..<area.maxY).flatMap { y in pixels[(y * width + area.x)..<(y * width + area.maxX)] }
    }

    /// Returns the damaged rectangle and starts a new one (call it after sending the pixels to the screen).
    public mutating func takeDamage() -> PixelRect? {
        defer { damage = nil }
        return damage
    }

    /// Sets pixel (`x`, `y`) when it lies inside the image and `clip`; does nothing otherwise.
    public mutating func plot(x: Int, y: Int, color: RGB565, clip: PixelRect? = nil) {
        guard bounds.contains(x: x, y: y), clip?.contains(x: x, y: y) ?? true else { return }
        let index = y * width + x
        guard pixels[index] != color.rawValue else { return }
        pixels[index] = color.rawValue
        markDamaged(PixelRect(x: x, y: y, width: 1, height: 1))
    }

    /// Fills `rect` (clipped to the image) with `color`.
    public mutating func fill(_ rect: PixelRect, color: RGB565) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        var changed = ChangedBounds()
        for y in area.y..<area.maxY {
            let row = y * width
            for x in area.x..<area.maxX where pixels[row + x] != color.rawValue {
                pixels[row + x] = color.rawValue
                changed.include(x: x, y: y)
            }
        }
        if let rect = changed.rect { markDamaged(rect) }
    }

    /// Fills the whole image with `color`.
    public mutating func fill(_ color: RGB565) {
        fill(bounds, color: color)
    }

    /// Replaces the pixels with those of `frame` (same size), damaging only the rectangle that differs.
    ///
    /// Rendering draws a fresh frame each time; presenting it here keeps the damage (and so the
    /// SPI transfer) to what really changed on the screen. A frame of another size replaces
    /// nothing and is ignored.
    public mutating func present(_ frame: Framebuffer) {
        guard frame.width == width, frame.height == height else { return }
        var changed = ChangedBounds()
        for y in 0..<height {
            let row = y * width
            for x in 0..<width where pixels[row + x] != frame.pixels[row + x] {
                changed.include(x: x, y: y)
            }
        }
        guard let rect = changed.rect else { return }
        pixels = frame.pixels
        markDamaged(rect)
    }

    private mutating func markDamaged(_ rect: PixelRect) {
        damage = damage.map { $0.union(rect) } ?? rect
    }
}

/// The bounding box of the pixels a loop changed.
private struct ChangedBounds {
    private var left = Int.max, right = Int.min, top = Int.max, bottom = Int.min

    mutating func include(x: Int, y: Int) {
        left = min(left, x)
        right = max(right, x)
        top = min(top, y)
        bottom = max(bottom, y)
    }

    var rect: PixelRect? {
        right >= left ? PixelRect(x: left, y: top, width: right - left + 1, height: bottom - top + 1) : nil
    }
}
