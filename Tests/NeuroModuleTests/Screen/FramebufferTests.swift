import Testing
@testable import NeuroModule

@Suite struct FramebufferTests {
    let red = RGB565(red: 255, green: 0, blue: 0)

    @Test func exposesTheScreenAsRowMajorRGB565() {
        var frame = Framebuffer()
        #expect(frame.width == 240 && frame.height == 240 && frame.pixels.count == 240 * 240)
        frame.plot(x: 3, y: 2, color: red)
        #expect(frame.pixels[2 * 240 + 3] == 0xF800)
        #expect(frame.pixels.filter { $0 != 0 }.count == 1)
    }

    @Test func damageCoversExactlyTheChangedPixels() {
        var frame = Framebuffer(width: 40, height: 30)
        #expect(frame.damage == nil)
        frame.fill(PixelRect(x: 5, y: 6, width: 4, height: 3), color: red)
        frame.plot(x: 20, y: 2, color: red)
        #expect(frame.takeDamage() == PixelRect(x: 5, y: 2, width: 16, height: 7))
        #expect(frame.damage == nil)
        frame.fill(PixelRect(x: 5, y: 6, width: 4, height: 3), color: red)
        #expect(frame.damage == nil, "writing the colour a pixel already has damages nothing")
    }

    @Test func presentDamagesOnlyWhatDiffers() {
        var screen = Framebuffer(width: 30, height: 30)
        var next = screen
        next.plot(x: 4, y: 25, color: red)
        next.plot(x: 17, y: 9, color: .white)
        screen.present(next)
        #expect(screen.pixels == next.pixels)
        #expect(screen.takeDamage() == PixelRect(x: 4, y: 9, width: 14, height: 17))
        screen.present(next)
        #expect(screen.damage == nil)
        screen.present(Framebuffer(width: 10, height: 10, color: .white))
        #expect(screen.pixels == next.pixels, "a frame of another size is ignored")
    }

    @Test func readsTheDamagedRectangleRowByRow() {
        var frame = Framebuffer(width: 8, height: 6)
        frame.plot(x: 2, y: 1, color: red)
        frame.plot(x: 4, y: 3, color: .white)
        let damage = frame.takeDamage()!
        let window = frame.pixels(in: damage)
        #expect(window.count == 3 * 3)
        #expect(window.first == red.rawValue && window.last == RGB565.white.rawValue)
        #expect(window.filter { $0 != 0 }.count == 2)
        #expect(frame.pixels(in: PixelRect(x: 6, y: 4, width: 10, height: 10)).count == 2 * 2)
        #expect(frame.pixels(in: PixelRect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
    }

    @Test func clipsEveryPrimitiveToTheImageAndTheClipRectangle() {
        var frame = Framebuffer(width: 20, height: 20)
        frame.fill(PixelRect(x: -10, y: -10, width: 15, height: 15), color: red)
        frame.line(x0: -50, y0: 10, x1: 100, y1: 10, color: red)
        frame.text("Hello", x: 15, y: 18, color: red, scale: 3)
        frame.plot(x: 20, y: 0, color: red)
        #expect(frame.takeDamage().map { frame.bounds.intersection($0) == $0 } == true)
        let clip = PixelRect(x: 2, y: 2, width: 6, height: 6)
        var clipped = Framebuffer(width: 20, height: 20)
        clipped.line(x0: 0, y0: 0, x1: 19, y1: 19, color: red, clip: clip)
        clipped.text("WW", x: 0, y: 0, color: red, clip: clip)
        for y in 0..<20 {
            for x in 0..<20 where clipped.color(x: x, y: y) == red { #expect(clip.contains(x: x, y: y)) }
        }
    }

    @Test func drawsLinesWithBothEndsIncluded() {
        var frame = Framebuffer(width: 10, height: 10)
        frame.line(x0: 1, y0: 8, x1: 7, y1: 2, color: red)
        #expect(frame.color(x: 1, y: 8) == red && frame.color(x: 7, y: 2) == red)
        #expect(frame.pixels.filter { $0 == red.rawValue }.count == 7)
        frame.strokeRect(PixelRect(x: 0, y: 0, width: 10, height: 10), color: .white)
        #expect(frame.color(x: 9, y: 9) == .white && frame.color(x: 0, y: 5) == .white && frame.color(x: 5, y: 5) == .black)
    }

    @Test func plotsCurvesInsideTheirBoxSpanningItsHeight() {
        var frame = Framebuffer(width: 60, height: 40)
        let box = PixelRect(x: 10, y: 5, width: 30, height: 20)
        frame.plot([3, 9, .nan, -2, 7, 7, .infinity, 1], in: box, color: red)
        var rows = Set<Int>()
        for y in 0..<40 {
            for x in 0..<60 where frame.color(x: x, y: y) == red {
                #expect(box.contains(x: x, y: y))
                rows.insert(y)
            }
        }
        #expect(rows.min() == box.y && rows.max() == box.maxY - 1, "the maximum touches the top row, the minimum the bottom")
        var flat = Framebuffer(width: 60, height: 40)
        flat.plot([2, 2, 2], in: box, color: red)
        let flatRows = Set((0..<40).filter { y in (0..<60).contains { flat.color(x: $0, y: y) == red } })
        #expect(flatRows.count == 1 && abs(flatRows.first! - (box.y + box.height / 2)) <= 1)
        #expect(flat.color(x: box.x, y: flatRows.first!) == red && flat.color(x: box.maxX - 1, y: flatRows.first!) == red)
        var empty = Framebuffer(width: 60, height: 40)
        empty.plot([.nan], in: box, color: red)
        #expect(empty.damage == nil)
    }
}
