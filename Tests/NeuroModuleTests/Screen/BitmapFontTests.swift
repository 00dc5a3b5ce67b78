import Testing
@testable import NeuroModule

@Suite struct BitmapFontTests {
    let font = BitmapFont.standard

    @Test func holdsEightRowsOfFivePixelsForEveryPrintableCharacter() {
        #expect(BitmapFont.standardGlyphRows.count == 95)
        for (index, picture) in BitmapFont.standardGlyphRows.enumerated() {
            let rows = picture.split(separator: " ")
            #expect(rows.count == font.glyphHeight, "glyph \(index + 32)")
            #expect(rows.allSatisfy { $0.count == font.glyphWidth && $0.allSatisfy { "#.".contains($0) } }, "glyph \(index + 32)")
        }
    }

    @Test func everyPrintableGlyphButSpaceHasPixels() {
        for code in BitmapFont.firstCharacter...BitmapFont.lastCharacter {
            let glyph = font.glyph(for: Unicode.Scalar(code)!)
            #expect(glyph.contains { $0 != 0 } == (code != 32), "character \(code)")
        }
    }

    @Test func glyphsAreDistinct() {
        let glyphs = (BitmapFont.firstCharacter...BitmapFont.lastCharacter).map { font.glyph(for: Unicode.Scalar($0)!) }
        #expect(Set(glyphs).count == glyphs.count)
    }

    @Test func showsAQuestionMarkOutsidePrintableASCII() {
        #expect(font.glyph(for: "é") == font.glyph(for: "?"))
        #expect(font.glyph(for: "\n") == font.glyph(for: "?"))
    }

    @Test func measuresAndFitsText() {
        #expect(font.width(of: "Volume") == 36)
        #expect(font.width(of: "Volume", scale: 2) == 72)
        #expect(font.fitted("Volume", width: 72, scale: 2) == "Volume")
        #expect(font.fitted("Volume", width: 60, scale: 2) == "Vol..")
        #expect(font.fitted("Volume", width: 12) == "Vo")
        #expect(font.width(of: font.fitted(String(repeating: "x", count: 50), width: 100)) <= 100)
    }

    @Test func drawsScaledGlyphsAsBlocks() {
        var single = Framebuffer(width: 20, height: 20)
        var double = Framebuffer(width: 20, height: 20)
        single.text("A", x: 0, y: 0, color: .white)
        double.text("A", x: 0, y: 0, color: .white, scale: 2)
        for y in 0..<8 {
            for x in 0..<5 {
                let isSet = single.color(x: x, y: y) == .white
                for dy in 0..<2 {
                    for dx in 0..<2 { #expect((double.color(x: 2 * x + dx, y: 2 * y + dy) == .white) == isSet) }
                }
            }
        }
        #expect(single.color(x: 0, y: 3) == .white)
        #expect(single.color(x: 2, y: 0) == .white)
    }
}
