import Foundation

/// The fade of ``NSFConfig/EndFade`` that ends an impact.
enum ImpactEndFade {
    /// Multiplies the last `samples` samples of `output` by cos², from just below 1 down to 0 at
    /// the last sample (`samples` at most `output.count`).
    static func apply(to output: inout MutableSpan<Float>, samples: Int) {
        let start = output.count - samples
        for offset in 0..<samples {
            let angle = Double.pi / 2 * Double(offset + 1) / Double(samples)
            output[start + offset] *= offset == samples - 1 ? 0 : Float(cos(angle) * cos(angle))
        }
    }
}
