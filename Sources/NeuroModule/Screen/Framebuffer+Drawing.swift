/// Lines, outlines, text and curve plots on a ``Framebuffer``; all clip to the image and to `clip`.
extension Framebuffer {
    /// Draws a one-pixel line from (`x0`, `y0`) to (`x1`, `y1`), both ends included (Bresenham).
    public mutating func line(x0: Int, y0: Int, x1: Int, y1: Int, color: RGB565, clip: PixelRect? = nil) {
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1
        var x = x0, y = y0, error = dx + dy
        while true {
            plot(x: x, y: y, color: color, clip: clip)
            if x == x1 && y == y1 { return }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    /// Draws the one-pixel outline of `rect`.
    public mutating func strokeRect(_ rect: PixelRect, color: RGB565) {
        guard !rect.isEmpty else { return }
        fill(PixelRect(x: rect.x, y: rect.y, width: rect.width, height: 1), color: color)
        fill(PixelRect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1), color: color)
        fill(PixelRect(x: rect.x, y: rect.y, width: 1, height: rect.height), color: color)
        fill(PixelRect(x: rect.maxX - 1, y: rect.y, width: 1, height: rect.height), color: color)
    }

    /// Draws `text` with its top-left corner at (`x`, `y`) in `font` magnified `scale` times, and
    /// returns the width it advanced by.
    ///
    /// Pixels outside `clip` (and the image) are not drawn; characters outside printable ASCII
    /// show as "?". Only the glyphs' set pixels are drawn: the background stays as it was.
    @discardableResult
    public mutating func text(
        _ text: String, x: Int, y: Int, color: RGB565, font: BitmapFont = .standard, scale: Int = 1, clip: PixelRect? = nil
    ) -> Int {
        let scale = max(1, scale)
        var penX = x
        for character in text.unicodeScalars {
            let rows = font.glyph(for: character)
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<font.glyphWidth where bits & (1 << (font.glyphWidth - 1 - column)) != 0 {
                    let block = PixelRect(x: penX + column * scale, y: y + row * scale, width: scale, height: scale)
                    fill(clip.map { block.intersection($0) } ?? block, color: color)
                }
            }
            penX += font.advance * scale
        }
        return penX - x
    }

    /// Plots `values` as a polyline filling `box` from left to right, scaled between their minimum
    /// (bottom row) and maximum (top row); a flat curve runs through the middle.
    ///
    /// Non-finite values are skipped (the line resumes at the next finite one); nothing is drawn
    /// outside `box`.
    public mutating func plot(_ values: [Float], in box: PixelRect, color: RGB565) {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), !box.isEmpty else { return }
        let span = high - low
        let last = max(values.count - 1, 1)
        var previous: (x: Int, y: Int)?
        for (index, value) in values.enumerated() {
            guard value.isFinite else {
                previous = nil
                continue
            }
            let fraction = span > 0 ? Double((value - low) / span) : 0.5
            let x = box.x + Int((Double(index) / Double(last) * Double(box.width - 1)).rounded())
            let y = box.maxY - 1 - Int((fraction * Double(box.height - 1)).rounded())
            if let previous {
                line(x0: previous.x, y0: previous.y, x1: x, y1: y, color: color, clip: box)
            } else {
                plot(x: x, y: y, color: color, clip: box)
            }
            previous = (x, y)
        }
    }
}
