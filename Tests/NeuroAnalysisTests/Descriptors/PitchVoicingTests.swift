import Foundation
import Testing
import NeuroCore
@testable import NeuroAnalysis

/// Voicing and holding of the f0 curve (what `describe --voicing hold` and the bundled profiles use).
@Suite struct PitchVoicingTests {
    let voicing = PitchVoicing.standard

    @Test func aRunShorterThanTheMinimumOrAQuietFrameIsNotVoiced() {
        let rms: [Float] = [1, 1, 1, 1, 1, 1, 0.001, 1, 1]
        let aperiodicity: [Float] = [0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]
        // Frames 0–1: a run of 2; frame 6: 60 dB down; frames 7–8: a run of 2 after it.
        #expect(voicing.voicedMask(rms: rms, aperiodicity: aperiodicity)
            == [false, false, false, true, true, true, false, false, false])
        #expect(voicing.voicedMask(rms: [1, 1, 1], aperiodicity: [0.1]) == [false, false, false])
    }

    @Test func unvoicedFramesHoldTheNearestVoicedPitchTheEarlierOnATie() {
        let f0: [Float] = [900, 100, 100, 100, 3000, 200, 200, 200, 5500]
        let voiced = [false, true, true, true, false, true, true, true, false]
        let held = voicing.heldPitch(f0: f0, voiced: voiced, rms: [Float](repeating: 1, count: 9))
        // Frame 4 lies one frame from both runs: the earlier run's pitch wins; frames 0 and 8 take
        // their neighbours'. Frame 3's voiced neighbours are 100, 100, 100, 200: the median is 100.
        let expected: [Float] = [100, 100, 100, 100, 100, 200, 200, 200, 200]
        #expect(zip(held, expected).allSatisfy { abs($0 - $1) < 1e-3 }, "\(held)")
    }

    @Test func anEvenCountTakesTheGeometricMeanOfTheMiddleTwo() {
        #expect(abs(PitchVoicing.logMedian([200, 100, 200, 100]) - Float((100.0 * 200).squareRoot())) < 1e-2)
        #expect(abs(PitchVoicing.logMedian([300, 100, 200]) - 200) < 1e-3)
    }

    @Test func aSingleFrameOctaveJumpIsRemoved() {
        let f0: [Float] = [220, 220, 440, 220, 220]
        let held = voicing.heldPitch(f0: f0, voiced: [Bool](repeating: true, count: 5), rms: [Float](repeating: 1, count: 5))
        #expect(held.allSatisfy { abs($0 - 220) < 1e-3 }, "\(held)")
    }

    @Test func aCurveWithoutVoicedFramesHoldsTheMedianOfItsLoudFrames() {
        let f0: [Float] = [180, 880, 400, 5000]
        let rms: [Float] = [1, 1, 1, 0.001]
        let held = voicing.heldPitch(f0: f0, voiced: [false, false, false, false], rms: rms)
        #expect(held.allSatisfy { abs($0 - 400) < 1e-3 }, "\(held)")
        let silent = voicing.heldPitch(f0: [300, 100], voiced: [false, false], rms: [0, 0])
        #expect(silent.allSatisfy { abs($0 - Float((300.0 * 100).squareRoot())) < 1e-2 }, "\(silent)")
    }

    @Test func aSineIsVoicedAndNoiseHoldsItsPitch() throws {
        let sampleRate = 22_050.0
        let tone = (0..<8192).map { 0.5 * Float(sin(2 * Double.pi * 330 * Double($0) / sampleRate)) }
        var generator = SplitMix64(seed: 11)
        let noise = (0..<8192).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53) - 0.5) * 0.8 }
        let signal = tone + noise
        let raw = try DescriptorExtractor(settings: .librosa).frames(of: signal)
        let held = try DescriptorExtractor(settings: .profile).frames(of: signal)
        #expect(raw.count == held.count)
        let noiseFrames = 20..<(raw.count - 2)
        #expect(Set(noiseFrames.map { raw[$0].f0 }).count > 3, "YIN wanders on noise")
        for index in noiseFrames { #expect(abs(held[index].f0 - 330) < 3, "frame \(index): \(held[index].f0)") }
        for index in 2..<14 { #expect(abs(held[index].f0 - raw[index].f0) < 1, "frame \(index)") }
        for (a, b) in zip(raw, held) { #expect(a.rms == b.rms && a.centroid == b.centroid && a.flatness == b.flatness) }
    }

    @Test func noiseUnpitchedZeroesAperiodicRunsAtAnyLevelAndHoldsTheRest() {
        let frames = [Float](repeating: 0, count: 9).enumerated().map { index, _ in
            ControlFrame(rms: index < 6 ? 1 : 0.001, zcr: 0, rolloff: 0, flatness: 0, bandwidth: 0, centroid: 0, f0: 200)
        }
        // Frames 0–2 periodic; 3–4 an aperiodic run of 2 (too short: held); 5–8 aperiodic and,
        // from frame 6, 60 dB down: noise, however quiet.
        let aperiodicity: [Float] = [0.1, 0.1, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9, 0.9]
        let noise = PitchVoicing.noiseUnpitched.apply(to: frames, aperiodicity: aperiodicity).map(\.f0)
        #expect(noise == [200, 200, 200, 200, 200, 200, 0, 0, 0], "\(noise)")
        let held = PitchVoicing.standard.apply(to: frames, aperiodicity: aperiodicity).map(\.f0)
        #expect(held.allSatisfy { $0 == 200 }, "\(held)")
        // A quiet periodic tail keeps its pitch; frames past the aperiodicity values count as noise.
        let tail = PitchVoicing.noiseUnpitched.apply(to: frames, aperiodicity: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1]).map(\.f0)
        #expect(tail == [200, 200, 200, 200, 200, 200, 0, 0, 0], "\(tail)")
    }

    @Test func noiseProfileUnpitchesTheNoiseOfASignal() throws {
        var generator = SplitMix64(seed: 5)
        let tone = (0..<8192).map { 0.5 * Float(sin(2 * Double.pi * 330 * Double($0) / 22_050)) }
        let noise = (0..<8192).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53) - 0.5) * 0.8 }
        let curves = try DescriptorExtractor(settings: .noiseProfile).frames(of: tone + noise)
        for index in 2..<14 { #expect(abs(curves[index].f0 - 330) < 3, "frame \(index): \(curves[index].f0)") }
        for index in 20..<(curves.count - 2) { #expect(curves[index].f0 == 0, "frame \(index): \(curves[index].f0)") }
    }

    @Test func streamedAndWholeSignalsGiveTheSameHeldCurve() throws {
        let extractor = try DescriptorExtractor(settings: .profile)
        var generator = SplitMix64(seed: 3)
        let tone = (0..<9000).map { index -> Float in 0.6 * Float(sin(Double(index) * 0.07)) }
        let noise = (0..<11_000).map { _ -> Float in Float(Double(generator.next() >> 11) / Double(1 << 53) - 0.5) * 0.2 }
        let signal = tone + noise
        let whole = try extractor.frames(of: signal)
        var stream = DescriptorStream(extractor: extractor)
        for start in stride(from: 0, to: signal.count, by: 777) {
            try stream.append(Array(signal[start..<min(start + 777, signal.count)]))
        }
        #expect(try stream.finish() == whole)
    }

    @Test func rejectsUnusableParameters() {
        for bad in [
            PitchVoicing(aperiodicityLimit: 0), PitchVoicing(aperiodicityLimit: .nan), PitchVoicing(levelDB: -1),
            PitchVoicing(minimumRun: 0), PitchVoicing(medianFrames: 4), PitchVoicing(medianFrames: 0),
        ] {
            #expect(throws: NeuroError.self) { try DescriptorExtractor(settings: DescriptorSettings(voicing: bad)) }
        }
    }
}
