import Foundation
import Testing
import NeuroTestSupport
import NeuroCore
import NeuroProfiles
import NeuroAnalysis
@testable import NeuroModal

@Suite struct ModalImpactModelTests {
    @Test func hasNoLookAheadSoStreamsWithTheOriginalPlan() {
        // The modal model leaves `lookAheadFrames` to the protocol's default.
        #expect(ModalImpactModel().lookAheadFrames == 0)
        #expect(ChunkPlan.streaming(for: ModalImpactModel()) == .neurorack)
    }

    private let steady = ControlFrame(rms: 0.2, zcr: 0.04, rolloff: 4_000, flatness: 0.0005, bandwidth: 1_200, centroid: 1_500, f0: 220)

    /// Renders `frames` in one call.
    private func render(_ frames: [ControlFrame], seed: UInt64 = 1) throws -> [Float] {
        let model = ModalImpactModel(seed: seed)
        var output = [Float](repeating: .nan, count: frames.count * model.samplesPerFrame)
        var span = output.mutableSpan
        try model.generate(frames: frames.span, advancing: frames.count, into: &span)
        return output
    }

    /// `count` copies of `frame` with `descriptor` set to `value`.
    private func frames(_ count: Int, _ descriptor: Descriptor, _ value: Float) -> [ControlFrame] {
        var frame = steady
        frame[descriptor] = value
        return Array(repeating: frame, count: count)
    }

    /// The descriptors of the steady tail of `signal`, measured by the librosa-parity analysis:
    /// the mean of the frames whose 2 048-sample windows lie in the last 8 192 samples.
    private func tailSpectrum(_ signal: [Float]) throws -> ControlFrame {
        let measured = try DescriptorExtractor().frames(of: signal)
        let tail = measured[(measured.count - 13)..<(measured.count - 2)]
        var mean = ControlFrame.silence
        for descriptor in Descriptor.allCases {
            mean[descriptor] = tail.reduce(0) { $0 + $1[descriptor] } / Float(tail.count)
        }
        return mean
    }

    @Test func describesItself() {
        let model = ModalImpactModel()
        #expect(model.name == "modal")
        #expect(model.sampleRate == 22_050)
        #expect(model.samplesPerFrame == 512)
        #expect(model.descriptorLayout == Descriptor.allCases)
        #expect(model.statistics == nil)
        #expect(model.maxFramesPerCall >= 100_000)
    }

    @Test func sameSeedSameAudioOtherSeedOtherAudio() throws {
        let profile = try ImpactProfile.named("snare").frames.prefix(40)
        let first = try render(Array(profile), seed: 7)
        #expect(try render(Array(profile), seed: 7) == first)
        #expect(try render(Array(profile), seed: 8) != first)
        #expect(first.allSatisfy { $0.isFinite })
    }

    @Test func chunksContinueTheStreamExactly() throws {
        let profile = Array(try ImpactProfile.named("metal").frames.prefix(31))
        let whole = try render(profile)
        let model = ModalImpactModel(seed: 1)
        var first = [Float](repeating: 0, count: 16 * 512)
        var second = [Float](repeating: 0, count: 16 * 512)
        var firstSpan = first.mutableSpan
        var secondSpan = second.mutableSpan
        try model.generate(frames: profile.span.extracting(0..<16), advancing: 15, into: &firstSpan)
        try model.generate(frames: profile.span.extracting(15..<31), advancing: 16, into: &secondSpan)
        #expect(Array(first.prefix(15 * 512)) == Array(whole.prefix(15 * 512)))
        #expect(second == Array(whole.suffix(16 * 512)))
    }

    @Test func rendererOutputMatchesOneCallOutsideCrossfades() throws {
        let profile = Array(try ImpactProfile.named("wood").frames.prefix(46))
        let whole = try render(profile)
        let chunked = try ImpactRenderer.render(model: ModalImpactModel(), frames: profile, seed: 1, plan: .neurorack)
        for frame in 0..<46 where frame % 15 != 0 || frame == 0 {
            let range = frame * 512..<(frame + 1) * 512
            #expect(Array(chunked[range]) == Array(whole[range]), "frame \(frame)")
        }
        let worst = zip(chunked, whole).map { abs($0 - $1) }.max()!
        #expect(worst < 0.02, "cross-faded frames differ by \(worst)")
    }

    @Test func frameLoudnessTracksRequestedRMS() throws {
        let requested = (0..<40).map { Float(0.3 * exp(-Double($0) / 12)) }
        let profile = requested.map { rms in
            var frame = steady
            frame.rms = rms
            return frame
        }
        let output = try render(profile)
        var worst = 0.0
        for index in 0..<39 {
            let a = Double(requested[index]), b = Double(requested[index + 1])
            let expected = ((a * a + a * b + b * b) / 3).squareRoot()
            let measured = rootMeanSquare(output, index * 512..<(index + 1) * 512)
            worst = max(worst, abs(measured / expected - 1))
        }
        print("modal: frame rms within \(String(format: "%.1f", worst * 100)) % of the requested envelope")
        #expect(worst < 0.1)
    }

    @Test(arguments: [0.0, 0.05, 0.3])
    func noisyFramesKeepTheirLoudness(flatness: Float) throws {
        let output = try render(frames(40, .flatness, flatness))
        let measured = rootMeanSquare(output, 512..<(40 * 512))
        #expect(abs(measured / 0.2 - 1) < 0.05, "flatness \(flatness): rms \(measured), requested 0.2")
    }

    @Test func brightnessFollowsCentroid() throws {
        var measured: [Double] = []
        for centroid: Float in [900, 1_500, 2_400, 3_600] {
            let spectrum = try tailSpectrum(try render(frames(20, .centroid, centroid)))
            measured.append(Double(spectrum.centroid))
            print("modal: centroid requested \(Int(centroid)) Hz, measured \(Int(spectrum.centroid)) Hz")
            #expect(abs(spectrum.centroid / centroid - 1) < 0.25)
        }
        #expect(measured == measured.sorted())
    }

    @Test func noiseFollowsFlatness() throws {
        var snareLike = steady
        snareLike.zcr = 0.25
        let flatness = try [0.001, 0.05, 0.3].map { value in
            snareLike.flatness = Float(value)
            return try tailSpectrum(try render(Array(repeating: snareLike, count: 20))).flatness
        }
        print("modal: spectral flatness for requested 0.001/0.05/0.3 (zcr 0.25): \(flatness)")
        #expect(flatness == flatness.sorted())
        #expect(flatness[2] > 10 * flatness[0])
    }

    @Test func noiseColourFollowsZeroCrossingRate() throws {
        var noisy = steady
        noisy.flatness = 0.15
        noisy.f0 = 0
        var rates: [Double] = []
        for zcr: Float in [0.05, 0.2, 0.5] {
            noisy.zcr = zcr
            let output = try render(Array(repeating: noisy, count: 20))
            rates.append(zeroCrossingRate(output, 1_024..<(20 * 512)))
        }
        print("modal: zero-crossing rate of noise for requested 0.05/0.2/0.5: \(rates)")
        #expect(rates == rates.sorted())
        #expect(abs(rates[1] - 0.2) < 0.08)
    }

    @Test func pitchFollowsF0() throws {
        for f0: Float in [110, 330, 880] {
            var frame = steady
            frame.f0 = f0
            frame.centroid = f0
            frame.bandwidth = 100
            let output = try render(Array(repeating: frame, count: 20))
            let amplitude = ToneMeasurement.amplitude(of: Double(f0), in: output, sampleRate: 22_050, range: 1_024..<(20 * 512))
            let rms = rootMeanSquare(output, 1_024..<(20 * 512))
            #expect(amplitude / (rms * 2.0.squareRoot()) > 0.8, "f0 \(f0): the fundamental must dominate")
        }
    }

    @Test func toneFollowsRolloff() throws {
        let measured = try [1_000, 6_000].map { (rolloff: Float) in
            try tailSpectrum(try render(frames(20, .rolloff, rolloff))).rolloff
        }
        print("modal: roll-off requested 1000/6000 Hz, measured \(measured.map(Int.init)) Hz")
        #expect(measured[1] > measured[0] + 300)
    }

    @Test func bandwidthWidensTheSpectrum() throws {
        let narrow = try tailSpectrum(try render(frames(20, .bandwidth, 500))).bandwidth
        let wide = try tailSpectrum(try render(frames(20, .bandwidth, 3_000))).bandwidth
        print("modal: spectral bandwidth for requested 500 / 3000 Hz: \(Int(narrow)) / \(Int(wide)) Hz")
        #expect(wide > narrow)
    }

    @Test func pitchGlidesWithinAFrame() throws {
        var low = steady
        low.f0 = 2_000
        low.centroid = 2_000
        low.bandwidth = 20
        low.flatness = 0
        var high = low
        high.f0 = 3_000
        high.centroid = 3_000
        let output = try render([low, high, high])
        let firstHalf = zeroCrossingRate(output, 0..<256) * 22_050 / 2
        let secondHalf = zeroCrossingRate(output, 256..<512) * 22_050 / 2
        print("modal: glide 2000 → 3000 Hz over one frame: \(Int(firstHalf)) Hz, then \(Int(secondHalf)) Hz")
        #expect(abs(firstHalf - 2_250) < 150)
        #expect(abs(secondHalf - 2_750) < 150)
    }

    @Test func librosaDescriptorsOfTheOutputFollowTheProfile() throws {
        let profile = try #require(BuiltinProfiles.profile(named: "metal", frameCount: 40))
        let audio = try ImpactRenderer.render(model: ModalImpactModel(), frames: profile.frames, seed: 2)
        let measured = try DescriptorExtractor().frames(of: audio)
        var worstPitch = 0.0, worstLoudness = 0.0
        for index in 2..<38 {
            worstPitch = max(worstPitch, Double(abs(measured[index].f0 / profile.frames[index].f0 - 1)))
            worstLoudness = max(worstLoudness, Double(abs(measured[index].rms / profile.frames[index].rms - 1)))
        }
        print("modal: librosa-parity analysis of 'metal': f0 within \(String(format: "%.1f", worstPitch * 100)) %, rms within \(String(format: "%.1f", worstLoudness * 100)) %")
        #expect(worstPitch < 0.03)
        #expect(worstLoudness < 0.1)
    }

    @Test func unvoicedFramesAreNoise() throws {
        let output = try render(frames(20, .f0, 0))
        let voiced = try render(frames(20, .f0, 220))
        #expect(try tailSpectrum(output).flatness > 3 * tailSpectrum(voiced).flatness)
        #expect(abs(rootMeanSquare(output, 512..<(20 * 512)) / 0.2 - 1) < 0.1)
    }

    @Test func extremeValuesStayFinite() throws {
        let extremes = [
            ControlFrame(rms: 1e30, zcr: -3, rolloff: 1e12, flatness: 9, bandwidth: -1, centroid: 1e9, f0: 1e9),
            ControlFrame(rms: -1, zcr: 7, rolloff: -5, flatness: -2, bandwidth: 1e9, centroid: -100, f0: -1),
            .silence,
        ]
        let output = try render(extremes + extremes)
        #expect(output.allSatisfy { $0.isFinite })
        #expect(output.allSatisfy { abs($0) < 100 })
    }

    @Test func rejectsBadArguments() throws {
        let model = ModalImpactModel()
        var output = [Float](repeating: 0, count: 2 * 512)
        var span = output.mutableSpan
        let two = [steady, steady]
        #expect(throws: NeuroError.self) { try model.generate(frames: two.span, advancing: 0, into: &span) }
        #expect(throws: NeuroError.self) { try model.generate(frames: two.span, advancing: 3, into: &span) }
        var nan = steady
        nan.centroid = .nan
        #expect(throws: NeuroError.self) { try model.generate(frames: [steady, nan].span, advancing: 2, into: &span) }
        var short = [Float](repeating: 0, count: 100)
        var shortSpan = short.mutableSpan
        #expect(throws: NeuroError.self) { try model.generate(frames: two.span, advancing: 2, into: &shortSpan) }
    }
}

/// Regression (issue 13, defect 3): ordinary-looking rows gave a +32 dBFS spike at a frame
/// boundary, random in-range curves +40 dBFS (the noise resonator's state met another colour's gain).
@Suite struct ModalOutputBoundTests {
    @Test(arguments: 0..<40 as Range<UInt64>)
    func randomInRangeCurvesStayBounded(seed: UInt64) throws {
        let model = ModalImpactModel(seed: seed)
        let frames = RandomControlCurves.frames(count: 64, sampleRate: model.sampleRate, seed: seed)
        var output = [Float](repeating: .nan, count: frames.count * model.samplesPerFrame)
        var span = output.mutableSpan
        try model.generate(frames: frames.span, advancing: frames.count, into: &span)
        let peak = RandomControlCurves.peak(output)
        #expect(peak <= RandomControlCurves.peakLimit(for: frames), "curve \(seed): peak \(peak)")
    }
}
