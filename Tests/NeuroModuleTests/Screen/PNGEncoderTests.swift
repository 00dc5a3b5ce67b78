import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import NeuroModule

@Suite struct PNGEncoderTests {
    /// A frame with flat areas, text and a gradient, so runs, literals and both filters are used.
    static func sampleFrame() -> Framebuffer {
        var frame = Framebuffer(width: 50, height: 37, color: RGB565(red: 10, green: 20, blue: 30))
        frame.fill(PixelRect(x: 5, y: 5, width: 20, height: 10), color: .white)
        frame.text("Png ok?", x: 2, y: 20, color: RGB565(red: 255, green: 0, blue: 128))
        for x in 0..<50 { frame.plot(x: x, y: 36, color: RGB565(rawValue: UInt16(x * 1_301 % 65_536))) }
        return frame
    }

    @Test func decodesBackToTheSamePixels() throws {
        let frame = Self.sampleFrame()
        let png = try PNGTestDecoder(PNGEncoder.encode(frame))
        #expect(png.width == frame.width && png.height == frame.height)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let expected = frame.color(x: x, y: y)!.rgb8
                let index = 3 * (y * frame.width + x)
                #expect([png.rgb[index], png.rgb[index + 1], png.rgb[index + 2]] == [expected.red, expected.green, expected.blue])
            }
        }
    }

    @Test func compressesAMenuPageWellBelowTheRawSize() throws {
        let frame = ScreenRenderer().render(ModuleMenu(), status: ModuleStatus(currentModel: "default"))
        let bytes = try PNGEncoder.encode(frame)
        #expect(bytes.count < 240 * 240 * 3 / 10)
        #expect(try PNGTestDecoder(bytes).rgb.count == 240 * 240 * 3)
    }

    @Test func widensRGB565ToFullRangeEightBits() {
        #expect(RGB565.white.rgb8 == (255, 255, 255))
        #expect(RGB565.black.rgb8 == (0, 0, 0))
        #expect(RGB565(red: 255, green: 0, blue: 0).rawValue == 0xF800)
    }

    @Test func checksumsMatchTheirPublishedCheckValues() {
        let digits = Array("123456789".utf8)
        #expect(Checksums.crc32(digits) == 0xCBF4_3926)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Checksums.adler32([UInt8](repeating: 255, count: 100_000)) == PNGTestDecoder.adler32([UInt8](repeating: 255, count: 100_000)))
    }

    @Test func rejectsAFrameWithoutPixels() {
        #expect(throws: NeuroError.self) { try PNGEncoder.encode(Framebuffer(width: 0, height: 10)) }
    }

    @Test func writesAtomicallyAndReportsAMissingDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("screen.png")
        try PNGEncoder.write(Self.sampleFrame(), to: url)
        #expect(try PNGTestDecoder(Array(Data(contentsOf: url))).width == 50)
        let missing = directory.file("absent/screen.png")
        let error = #expect(throws: NeuroError.self) { try PNGEncoder.write(Self.sampleFrame(), to: missing) }
        #expect(error?.kind == .cannotWrite)
        #expect(try directory.entries() == ["screen.png"])
    }

    static let python3 = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: python3 != nil, "needs python3 with zlib as an independent decoder"))
    func pythonsZlibInflatesTheImageData() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("frame.png")
        let frame = Self.sampleFrame()
        try PNGEncoder.write(frame, to: url)
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            pos, idat = 8, b''
            while pos < len(data):
                (n,) = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]
                if zlib.crc32(data[pos + 4:pos + 8 + n]) != struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0]: sys.exit('crc')
                if kind == b'IDAT': idat += data[pos + 8:pos + 8 + n]
                pos += 12 + n
            print(len(zlib.decompress(idat)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python3!)
        process.arguments = ["-c", script, url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(frame.height * (frame.width * 3 + 1))")
    }
}
