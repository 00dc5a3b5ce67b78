import Foundation
import Testing
import NeuroTestSupport
@testable import NeuroNSF
import NeuroCore

/// Regression (issue 13, defect 3): every NSF model's output stays bounded for random in-range
/// curves, and an f0 far above Nyquist no longer turns the output into DC.
@Suite struct NSFOutputBoundTests {
    /// Renders `frames` in one whole-impact call.
    private func render(_ model: NSFModel, _ frames: [ControlFrame], seed: UInt64) throws -> [Float] {
        model.reset(seed: seed)
        var output = [Float](repeating: .nan, count: frames.count * model.samplesPerFrame)
        var span = output.mutableSpan
        try model.generate(frames: frames.span, advancing: frames.count, into: &span)
        return output
    }

    private func expectBounded(_ model: NSFModel, curves: Range<UInt64>) throws {
        for seed in curves {
            let frames = RandomControlCurves.frames(count: 24, sampleRate: model.sampleRate, seed: seed)
            let peak = RandomControlCurves.peak(try render(model, frames, seed: seed))
            #expect(peak <= RandomControlCurves.peakLimit(for: frames), "\(model.name), curve \(seed): peak \(peak)")
        }
    }

    @Test func defaultModelStaysBoundedOnRandomCurves() throws {
        try expectBounded(DefaultNSFModel.load(), curves: 0..<12)
    }

    @Test(SharedReferenceData.required(NSFReferenceData.weightsPath, NSFReferenceData.architecturePath))
    func referenceModelStaysBoundedOnRandomCurves() throws {
        try expectBounded(NSFReferenceData.model(), curves: 0..<6)
    }

    /// The share of `signal`'s power below 20 Hz (a DFT over the whole signal).
    private func powerShareBelow20Hz(_ signal: [Float], sampleRate: Int) -> Double {
        let mean = signal.reduce(0.0) { $0 + Double($1) } / Double(signal.count)
        let total = signal.reduce(0.0) { $0 + Double($1) * Double($1) }
        let lowBins = Int(20 * Double(signal.count) / Double(sampleRate))
        var low = mean * mean * Double(signal.count)
        for bin in 1...max(lowBins, 1) {
            var real = 0.0, imaginary = 0.0
            for (index, value) in signal.enumerated() {
                let angle = 2 * Double.pi * Double(bin * index) / Double(signal.count)
                real += Double(value) * cos(angle)
                imaginary -= Double(value) * sin(angle)
            }
            low += 2 * (real * real + imaginary * imaginary) / Double(signal.count)
        }
        return low / total
    }

    @Test func pitchAboveNyquistIsClampedAndDoesNotTurnIntoDC() throws {
        let model = try DefaultNSFModel.load()
        let frame = ControlFrame(rms: 0.3, zcr: 0.1, rolloff: 4_000, flatness: 0.1, bandwidth: 1_000, centroid: 2_000, f0: 20_000)
        let high = try render(model, Array(repeating: frame, count: 20), seed: 1)
        var limited = frame
        limited.f0 = 5_000
        #expect(high == (try render(model, Array(repeating: limited, count: 20), seed: 1)))
        let share = powerShareBelow20Hz(high, sampleRate: model.sampleRate)
        #expect(share < 0.5, "\(share) of the power is below 20 Hz")
    }
}
