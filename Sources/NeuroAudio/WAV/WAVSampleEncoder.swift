import NeuroCore

/// Turns float samples into the bytes of a WAV `data` chunk: little-endian float, or integer
/// codes clipped to full scale with optional TPDF dither of ±1 LSB.
///
/// Exact zeros stay zero, so digital silence stays silent. The dither noise comes from a fixed
/// seed, so the same samples always give the same bytes; an encoder carries its generator from
/// one call to the next, so a file written period by period equals the file written at once.
/// Allocation-free: usable on a render thread. The ALSA sink encodes its periods with it too.
package struct WAVSampleEncoder {
    /// How samples are stored.
    package let sampleFormat: WAVSampleFormat
    /// Whether integer formats get dither.
    package let isDithered: Bool
    private var generator = SplitMix64(seed: 0x5EED_D17E)

    /// Creates an encoder.
    package init(sampleFormat: WAVSampleFormat, isDithered: Bool) {
        self.sampleFormat = sampleFormat
        self.isDithered = isDithered
    }

    /// Encodes `samples` into the start of `bytes` and returns how many were clipped (beyond ±1,
    /// integer formats only; float keeps every finite value).
    ///
    /// Non-finite samples are written as silence and counted as clipped; callers that must refuse
    /// them check first.
    ///
    /// - Precondition: `bytes` holds at least `samples.count · bytesPerSample` bytes.
    package mutating func encode(_ samples: Span<Float>, into bytes: UnsafeMutableRawBufferPointer) -> Int {
        precondition(bytes.count >= samples.count * sampleFormat.bytesPerSample, "WAV encoder buffer too small")
        var clipped = 0
        let scale = sampleFormat.integerScale
        for index in samples.indices {
            var sample = samples[index]
            if !sample.isFinite {
                sample = 0
                clipped += 1
            } else if abs(sample) > 1 && sampleFormat.isInteger {
                clipped += 1
            }
            switch sampleFormat {
            case .float32:
                unsafe bytes.storeBytes(of: sample.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            case .int16, .int24:
                var code = sample * scale
                if isDithered && sample != 0 {
                    code += generator.nextUnitFloat() - generator.nextUnitFloat()
                }
                let value = Int32(min(max(code.rounded(), -scale), scale - 1))
                let width = sampleFormat.bytesPerSample
                for byte in 0..<width {
                    unsafe bytes[index * width + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte))
                }
            }
        }
        return clipped
    }
}
