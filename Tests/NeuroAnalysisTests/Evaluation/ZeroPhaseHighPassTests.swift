import Foundation
import Testing
@testable import NeuroAnalysis

/// The recordings' high-pass: it removes an offset and rumble, passes the audible band unchanged
/// in phase, and is a Butterworth (−3 dB per pass) at its cutoff.
@Suite struct ZeroPhaseHighPassTests {
    let filter = ZeroPhaseHighPass(cutoffHertz: 20, sampleRate: 22_050)

    static func sine(_ frequency: Double, count: Int, amplitude: Double = 0.5) -> [Float] {
        (0..<count).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / 22_050)) }
    }

    @Test func anOffsetAndRumbleAreRemovedAndATonePassesInPhase() {
        let count = 44_100
        let tone = Self.sine(1_000, count: count)
        let rumble = Self.sine(3, count: count, amplitude: 0.2)
        let input = zip(tone, rumble).map { $0 + $1 + 0.05 }
        let out = filter.filtered(input)
        let middle = 11_025..<33_075
        // Away from the ends, the output is the tone: same phase, within 1e-3 (−60 dB).
        #expect(middle.allSatisfy { abs(out[$0] - tone[$0]) < 1e-3 }, "\(middle.map { abs(out[$0] - tone[$0]) }.max() ?? 0)")
    }

    @Test func theCutoffIsMinus6DecibelsForwardAndBackward() {
        let out = filter.filtered(Self.sine(20, count: 88_200))
        let middle = out[22_050..<66_150]
        let rms = (middle.reduce(0) { $0 + Double($1) * Double($1) } / Double(middle.count)).squareRoot()
        #expect(abs(20 * log10(rms / (0.5 / 2.0.squareRoot())) + 6.02) < 0.05)
    }
}
