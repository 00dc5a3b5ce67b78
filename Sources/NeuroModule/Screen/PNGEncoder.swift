import Foundation
import NeuroCore
import NeuroFiles

/// Writes a ``Framebuffer`` as a PNG image (8-bit RGB, our own zlib stream), for `--screen-out`
/// and for looking at the menu without the module.
public enum PNGEncoder {
    /// The PNG file of `frame`: RGB565 widened to 8 bits per channel, each row filtered with
    /// "Sub" or "Up" (whichever leaves smaller bytes), compressed by our DEFLATE.
    ///
    /// - Throws: `.invalidData` when the frame has no pixel (PNG needs at least one row and column).
    public static func encode(_ frame: Framebuffer) throws(NeuroError) -> [UInt8] {
        guard frame.width > 0, frame.height > 0 else {
            throw NeuroError(.invalidData, "PNG image: the framebuffer is \(frame.width)×\(frame.height); expected at least 1×1 pixels")
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(frame.width))
        header += bigEndian(UInt32(frame.height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, RGB, deflate, adaptive filtering, no interlace
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += chunk("IHDR", header)
        file += chunk("IDAT", Deflate.zlibStream(filteredScanlines(frame)))
        file += chunk("IEND", [])
        return file
    }

    /// Writes the PNG file of `frame` to `url` atomically (a reader never sees half an image).
    ///
    /// - Throws: `.invalidData` for a frame without pixels; `.cannotWrite` naming the file when it cannot be written.
    public static func write(_ frame: Framebuffer, to url: URL) throws(NeuroError) {
        try AtomicFile.write(encode(frame), to: url)
    }

    /// The rows as PNG scanlines: a filter-type byte, then the filtered RGB bytes.
    private static func filteredScanlines(_ frame: Framebuffer) -> [UInt8] {
        let rowBytes = frame.width * 3
        var output: [UInt8] = []
        output.reserveCapacity((rowBytes + 1) * frame.height)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var row = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let rgb = RGB565(rawValue: frame.pixels[y * frame.width + x]).rgb8
                row[3 * x] = rgb.red
                row[3 * x + 1] = rgb.green
                row[3 * x + 2] = rgb.blue
            }
            let sub = row.indices.map { row[$0] &- ($0 >= 3 ? row[$0 - 3] : 0) }
            let up = row.indices.map { row[$0] &- previous[$0] }
            let useUp = cost(up) < cost(sub)
            output.append(useUp ? 2 : 1)
            output += useUp ? up : sub
            swap(&previous, &row)
        }
        return output
    }

    /// The usual filter heuristic: the sum of the bytes read as signed magnitudes.
    private static func cost(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + abs(Int(Int8(bitPattern: $1))) }
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(Checksums.crc32(typeBytes + data))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
