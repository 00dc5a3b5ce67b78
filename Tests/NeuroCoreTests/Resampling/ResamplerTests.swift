import Foundation
import Testing
import NeuroTestSupport
@testable import NeuroCore

/// Measures the resampler's pass band and stop band with pure tones.
///
/// Measured with the default design (pass band 0.9 × the lower Nyquist frequency, 100 dB):
/// the numbers are printed by each test so regressions are visible in the log.
@Suite struct ResamplerTests {
    /// Gain (dB) of `frequency` through `from → to`, and level (dB re input) of the component at
    /// `spurious` in the output.
    private func measure(from: Int, to: Int, frequency: Double, spurious: Double? = nil) throws -> (gain: Double, spurious: Double?) {
        let resampler = try Resampler(from: from, to: to)
        let input = ToneMeasurement.sine(frequency: frequency, sampleRate: from, count: 6_000)
        let output = resampler.resample(input)
        let margin = output.count / 5
        let range = margin..<(output.count - margin)
        let gain = ToneMeasurement.amplitude(of: frequency, in: output, sampleRate: to, range: range) / 0.5
        let spuriousLevel = spurious.map { ToneMeasurement.amplitude(of: $0, in: output, sampleRate: to, range: range) / 0.5 }
        return (ToneMeasurement.decibels(gain), spuriousLevel.map(ToneMeasurement.decibels))
    }

    @Test func outputLengths() throws {
        #expect(try Resampler(from: 22_050, to: 44_100).outputCount(forInputCount: 1_000) == 2_000)
        #expect(try Resampler(from: 44_100, to: 22_050).outputCount(forInputCount: 1_001) == 501)
        #expect(try Resampler(from: 22_050, to: 48_000).outputCount(forInputCount: 147) == 320)
        #expect(try Resampler(from: 22_050, to: 48_000).resample([Float](repeating: 0.1, count: 441)).count == 960)
    }

    @Test func equalRatesAreIdentity() throws {
        let input: [Float] = [0.1, -0.4, 0.9]
        #expect(try Resampler(from: 22_050, to: 22_050).resample(input) == input)
    }

    @Test(arguments: [(22_050, 44_100), (22_050, 48_000), (44_100, 22_050), (48_000, 44_100), (22_050, 44_101)])
    func passBandIsFlat(from: Int, to: Int) throws {
        let nyquist = Double(min(from, to)) / 2
        var worst = 0.0
        for fraction in [0.01, 0.2, 0.5, 0.8, 0.9] {
            worst = max(worst, abs(try measure(from: from, to: to, frequency: nyquist * fraction).gain))
        }
        print("resampler \(from)→\(to): pass band (≤ 0.9 Nyquist) worst deviation \(String(format: "%.5f", worst)) dB")
        #expect(worst < 0.001)
    }

    @Test(arguments: [12_000.0, 14_000, 17_000, 20_000])
    func downsamplingRejectsAliases(frequency: Double) throws {
        let alias = 22_050 - frequency
        let level = try measure(from: 44_100, to: 22_050, frequency: frequency, spurious: alias).spurious!
        print("resampler 44100→22050: \(Int(frequency)) Hz aliases to \(Int(alias)) Hz at \(String(format: "%.1f", level)) dB")
        #expect(level < -95)
    }

    @Test(arguments: [(44_100, 2_000.0), (44_100, 9_000), (48_000, 5_000), (44_101, 7_000)])
    func upsamplingRejectsImages(to: Int, frequency: Double) throws {
        let image = 22_050 - frequency
        let level = try measure(from: 22_050, to: to, frequency: frequency, spurious: image).spurious!
        print("resampler 22050→\(to): image of \(Int(frequency)) Hz at \(Int(image)) Hz is \(String(format: "%.1f", level)) dB")
        #expect(level < -95)
    }

    /// Converting a growing prefix piece by piece, as the generation thread does, gives exactly the whole conversion.
    @Test(arguments: [(22_050, 48_000), (22_050, 44_100), (48_000, 22_050), (22_050, 22_050)])
    func pieceByPieceEqualsWhole(from: Int, to: Int) throws {
        let resampler = try Resampler(from: from, to: to)
        let input = ToneMeasurement.sine(frequency: 700, sampleRate: from, count: 5_000).enumerated().map { $1 * Float(5_000 - $0) / 5_000 }
        let whole = resampler.resample(input)
        var pieces = [Float](repeating: .nan, count: whole.count)
        var done = 0
        for final in [0, 100, 1_500, 1_501, 3_000, 5_000] {
            let available = resampler.availableOutputCount(finalInputCount: final, isComplete: final == 5_000)
            #expect(available >= done)
            var piece = [Float](repeating: .nan, count: available - done)
            var region = piece.mutableSpan
            resampler.resample(input.span.extracting(0..<final), inputCount: final, outputRange: done..<available, into: &region)
            _ = consume region
            pieces.replaceSubrange(done..<available, with: piece)
            done = available
        }
        #expect(done == whole.count)
        #expect(pieces == whole)
    }

    @Test func refusesRatiosThatWouldNeedHugeFilters() {
        // Down-sampling by 1:34 000 needs a filter millions of taps long (the hostile test's 1 GHz WAV header).
        var message: String?
        do {
            _ = try Resampler(from: 768_000_000, to: 22_050)
        } catch {
            message = error.message
        }
        #expect(message?.hasPrefix("resampler: converting 768000000 Hz to 22050 Hz needs a") == true)
        #expect(message?.hasSuffix("-tap filter, more than 16384") == true)
    }

    @Test func rejectsBadDesigns() {
        #expect(throws: NeuroError.self) { try Resampler(from: 0, to: 44_100) }
        #expect(throws: NeuroError.self) { try Resampler(from: 22_050, to: 44_100, passband: 1.2) }
        #expect(throws: NeuroError.self) { try Resampler(from: 22_050, to: 44_100, attenuation: 10) }
    }
}
