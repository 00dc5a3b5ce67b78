/// A fixed-width bitmap font for printable ASCII (32–126), drawn at any integer scale.
///
/// ``standard`` is our own 5 × 8 design (`BitmapFontGlyphs.swift` holds the glyphs as data)
/// in 6 × 10 cells: one blank column between characters and two blank rows between lines.
/// At scale 2 a character takes 12 × 20 pixels, 20 characters per line of the 240-pixel screen.
public struct BitmapFont: Sendable {
    /// The glyph width in pixels at scale 1.
    public let glyphWidth: Int
    /// The glyph height in pixels at scale 1 (descenders included).
    public let glyphHeight: Int
    /// The horizontal distance from one character to the next at scale 1.
    public let advance: Int
    /// The vertical distance from one line to the next at scale 1.
    public let lineHeight: Int
    /// The first character with a glyph (space).
    public static let firstCharacter: UInt32 = 32
    /// The last character with a glyph (tilde).
    public static let lastCharacter: UInt32 = 126

    /// One entry per character from ``firstCharacter``: a row of bits per glyph row, bit `glyphWidth - 1` leftmost.
    private let glyphs: [[UInt8]]

    /// The module's font, 5 × 8 glyphs in 6 × 10 cells.
    public static let standard = BitmapFont(
        glyphWidth: 5, glyphHeight: 8, advance: 6, lineHeight: 10, rows: standardGlyphRows)

    private init(glyphWidth: Int, glyphHeight: Int, advance: Int, lineHeight: Int, rows: [String]) {
        self.glyphWidth = glyphWidth
        self.glyphHeight = glyphHeight
        self.advance = advance
        self.lineHeight = lineHeight
        glyphs = rows.map { picture in
            picture.split(separator: " ").map { row in
                row.reduce(UInt8(0)) { bits, pixel in bits << 1 | (pixel == "#" ? 1 : 0) }
            }
        }
    }

    /// The glyph rows of `character`, top to bottom; a character outside printable ASCII gets "?"'s.
    public func glyph(for character: Unicode.Scalar) -> [UInt8] {
        let code = character.value
        let index = (Self.firstCharacter...Self.lastCharacter).contains(code) ? code : UInt32(("?" as Unicode.Scalar).value)
        return glyphs[Int(index - Self.firstCharacter)]
    }

    /// The width `text` advances by at `scale` (every character, even a space, takes one advance).
    public func width(of text: String, scale: Int = 1) -> Int {
        text.unicodeScalars.count * advance * max(1, scale)
    }

    /// `text` cut to fit in `width` pixels at `scale`, ending in ".." when something was cut.
    public func fitted(_ text: String, width: Int, scale: Int = 1) -> String {
        let capacity = width / (advance * max(1, scale))
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > capacity else { return text }
        guard capacity > 2 else { return String(String.UnicodeScalarView(scalars.prefix(max(0, capacity)))) }
        return String(String.UnicodeScalarView(scalars.prefix(capacity - 2))) + ".."
    }
}
