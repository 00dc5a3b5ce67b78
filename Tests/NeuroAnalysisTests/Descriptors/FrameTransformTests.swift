import Foundation
import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct FrameTransformTests {
    @Test func hannSpectrumEqualsWindowedTransform() throws {
        let length = 64
        var transform = try FrameTransform(frameLength: length)
        let frame = RealFFTTests.randomSignal(count: length, seed: 3)
        var magnitudes = [Double](repeating: 0, count: transform.binCount)
        frame.withUnsafeBufferPointer { transform.transform($0) }
        magnitudes.withUnsafeMutableBufferPointer { transform.hannMagnitudes(into: $0) }

        let window = (0..<length).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(length)) }
        let expected = RealFFTTests.naiveDFT(zip(window, frame).map(*))
        for k in 0..<transform.binCount {
            #expect(abs(magnitudes[k] - hypot(expected.real[k], expected.imaginary[k])) < 1e-12, "bin \(k)")
        }
    }

    @Test func autocorrelationIsLinearNotCircular() throws {
        let length = 32
        var transform = try FrameTransform(frameLength: length)
        let frame = RealFFTTests.randomSignal(count: length, seed: 11)
        var lags = [Double](repeating: 0, count: length)
        frame.withUnsafeBufferPointer { transform.transform($0) }
        lags.withUnsafeMutableBufferPointer { transform.autocorrelation(into: $0) }
        for lag in 0..<length {
            let direct = (0..<(length - lag)).reduce(0.0) { $0 + frame[$1] * frame[$1 + lag] }
            #expect(abs(lags[lag] - direct) < 1e-12, "lag \(lag)")
        }
    }

    @Test(arguments: [1, 8, 9, 17])
    func evenSpectrumInverseMatchesTheDirectSum(count: Int) throws {
        let half = 16
        var inverse = try EvenSpectrumInverse(halfSize: half)
        let spectrum = RealFFTTests.randomSignal(count: half + 1, seed: 21).map { $0 * $0 }
        var signal = [Double](repeating: 0, count: count)
        spectrum.withUnsafeBufferPointer { p in signal.withUnsafeMutableBufferPointer { inverse.inverse(p, into: $0) } }
        let size = 2 * half
        for n in 0..<count {
            // The full even spectrum of `size` bins, summed directly.
            let direct = (0..<size).reduce(0.0) { sum, k in
                sum + spectrum[min(k, size - k)] * cos(2 * Double.pi * Double(k * n) / Double(size))
            } / Double(size)
            #expect(abs(signal[n] - direct) < 1e-12, "n \(n)")
        }
    }
}
