import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore

/// The DC blocker on synthetic output: it removes an offset, passes the audible band, rewinds
/// to its saved state and lets a non-finite sample through without poisoning what follows.
@Suite struct DCBlockerTests {
    static let sampleRate = 22_050
    static let parameters = NSFConfig.DCBlock(cutoffHertz: 10)

    static func blocked(_ samples: [Float], blocker: inout DCBlocker, block: Int = 512) -> [Float] {
        var output = samples
        var span = output.mutableSpan
        for start in stride(from: 0, to: samples.count, by: block) {
            blocker.apply(to: &span, from: start, count: min(block, samples.count - start))
        }
        return output
    }

    static func sine(_ frequency: Double, count: Int, offset: Float = 0) -> [Float] {
        (0..<count).map { Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))) + offset }
    }

    static func rms(_ samples: ArraySlice<Float>) -> Double {
        (samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }

    @Test func anOffsetDecaysWithTheTimeConstant() {
        var blocker = DCBlocker(parameters: Self.parameters, sampleRate: Self.sampleRate)
        let out = Self.blocked([Float](repeating: 0.003, count: 22_050), blocker: &blocker)
        // τ = 1 / (2π·10 Hz) = 15.9 ms = 351 samples: e^−1 after τ (times the gain (1 + a)/2 ≈ 0.9986
        // of the step), below 1e-9 after 0.5 s.
        #expect(abs(out[351] / 0.003 - Float(exp(-1.0))) < 0.01)
        #expect(out[11_025...].allSatisfy { abs($0) < 1e-9 })
    }

    /// Windows of whole periods (441, 110.25 and 4.41 samples: 11 025 samples hold 25, 100 and 2 500);
    /// the response is −0.17 dB at 50 Hz, −0.011 dB at 200 Hz, −1e-5 dB at 5 kHz.
    @Test func theAudibleBandPassesAndTheOffsetIsRemoved() {
        for (frequency, maximumLossDecibels) in [(50.0, 0.2), (200.0, 0.02), (5_000.0, 0.001)] {
            var blocker = DCBlocker(parameters: Self.parameters, sampleRate: Self.sampleRate)
            let input = Self.sine(frequency, count: 22_050, offset: 0.01)
            let out = Self.blocked(input, blocker: &blocker)
            let settled = out[11_025...]
            let mean = settled.reduce(0) { $0 + Double($1) } / Double(settled.count)
            let loss = 20 * log10(0.5 / 2.0.squareRoot() / Self.rms(settled))
            #expect(abs(mean) < 1e-4, "\(frequency) Hz: mean \(mean)")
            #expect(loss >= 0 && loss < maximumLossDecibels, "\(frequency) Hz: \(loss) dB")
        }
    }

    @Test func restoringTheSavedStateRepeatsTheOutput() {
        var blocker = DCBlocker(parameters: Self.parameters, sampleRate: Self.sampleRate)
        let input = Self.sine(90, count: 4096, offset: 0.02)
        _ = Self.blocked(Array(input[0..<1024]), blocker: &blocker)
        blocker.saveState()
        let first = Self.blocked(Array(input[1024...]), blocker: &blocker)
        blocker.restoreState()
        #expect(Self.blocked(Array(input[1024...]), blocker: &blocker) == first)
        var whole = DCBlocker(parameters: Self.parameters, sampleRate: Self.sampleRate)
        #expect(Array(Self.blocked(input, blocker: &whole)[1024...]) == first)
        blocker.reset()
        var fresh = DCBlocker(parameters: Self.parameters, sampleRate: Self.sampleRate)
        #expect(Self.blocked(input, blocker: &blocker) == Self.blocked(input, blocker: &fresh))
    }

    @Test func aNonFiniteSamplePassesWithoutPoisoningTheRest() {
        var blocker = DCBlocker(parameters: Self.parameters, sampleRate: Self.sampleRate)
        var input = Self.sine(300, count: 2048)
        input[700] = .nan
        input[701] = .infinity
        let out = Self.blocked(input, blocker: &blocker)
        #expect(out[700].isNaN && out[701] == .infinity)
        #expect(out.indices.filter { $0 != 700 && $0 != 701 }.allSatisfy { out[$0].isFinite })
    }
}
