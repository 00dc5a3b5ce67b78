import Foundation

/// Test helpers that measure sinusoids in a signal.
public enum ToneMeasurement {
    /// A sine of `frequency` Hz, `count` samples at `sampleRate`, peak `amplitude`.
    public static func sine(frequency: Double, sampleRate: Int, count: Int, amplitude: Double = 0.5) -> [Float] {
        (0..<count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))) }
    }

    /// The amplitude of the component at `frequency` in `signal[range]`, by a least-squares fit of
    /// `a · cos + b · sin` weighted by a 4-term Blackman–Harris window, so that strong components
    /// at other frequencies leak less than −120 dB into the estimate.
    public static func amplitude(of frequency: Double, in signal: [Float], sampleRate: Int, range: Range<Int>) -> Double {
        var cc = 0.0, ss = 0.0, cs = 0.0, xc = 0.0, xs = 0.0
        for index in range {
            let phase = 2 * Double.pi * Double(index - range.lowerBound) / Double(range.count - 1)
            let weight = 0.35875 - 0.48829 * cos(phase) + 0.14128 * cos(2 * phase) - 0.01168 * cos(3 * phase)
            let angle = 2 * Double.pi * frequency * Double(index) / Double(sampleRate)
            let c = cos(angle), s = sin(angle), x = Double(signal[index])
            cc += weight * c * c; ss += weight * s * s; cs += weight * c * s
            xc += weight * x * c; xs += weight * x * s
        }
        let determinant = cc * ss - cs * cs
        let a = (xc * ss - xs * cs) / determinant
        let b = (xs * cc - xc * cs) / determinant
        return (a * a + b * b).squareRoot()
    }

    /// `20 · log10(ratio)`.
    public static func decibels(_ ratio: Double) -> Double { 20 * log10(ratio) }
}
