import Foundation
import Testing
@testable import NeuroCore

/// The API hosts use: sample-accurate gates, morph and volume events, profiles, model swaps, counters.
@Suite struct EngineHostAPITests {
    private func engine(_ model: FakeImpactModel, frames: Int = 40, pendingGates: Int = 64) throws -> Engine {
        let profile = ImpactProfile(name: "test", frames: Array(repeating: .constant(0.5), count: frames))
        return try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, maxPendingGates: pendingGates))
    }

    /// An engine of a `.callIndex` model whose current impact is impact 2 (value 3, its first
    /// call being call 3), while impact 1 (value 0) is fully generated.
    private func engineWithSecondImpactCurrent() throws -> Engine {
        let engine = try engine(FakeImpactModel(behaviour: .callIndex))
        while engine.scheduler.step() == .worked {}
        engine.handle(.gateRegenerate)
        _ = engine.scheduler.step()
        return engine
    }

    @Test func countersMeasureGenerationAgainstTheAudioItProduced() throws {
        let engine = try engine(FakeImpactModel(), frames: 40)
        #expect(engine.counters.generationRealTimeFactor == nil)
        while engine.scheduler.step() == .worked {}
        let counters = engine.counters
        let model = FakeImpactModel()
        let impactSeconds = Double(40 * model.samplesPerFrame) / Double(model.sampleRate)
        // The current impact whole, and the first chunk of the next one.
        #expect(counters.generatedAudioSeconds > impactSeconds && counters.generatedAudioSeconds < 2 * impactSeconds)
        #expect(counters.generationSeconds > 0)
        #expect(counters.generationRealTimeFactor == counters.generationSeconds / counters.generatedAudioSeconds)
    }

    @Test func gateStartsAtItsSampleOffsetInsideThePeriod() throws {
        let engine = try engineWithSecondImpactCurrent()  // impact 2 (first call 3) is current
        engine.handle(.gatePlay(velocity: 1, offset: 5))
        let period = engine.renderPeriod(count: 8)
        #expect(period == [0, 0, 0, 0, 0, 3, 3, 3])
    }

    @Test func severalGatesInOnePeriodEachStartAVoice() throws {
        let engine = try engineWithSecondImpactCurrent()
        engine.handle(.gatePlay(velocity: 1, offset: 6))
        engine.handle(.gatePlay(velocity: 0.5, offset: 2))
        #expect(engine.renderPeriod(count: 8) == [0, 0, 1.5, 1.5, 1.5, 1.5, 4.5, 4.5])
    }

    @Test func offsetsBeyondThePeriodStartOnItsLastSample() throws {
        let engine = try engineWithSecondImpactCurrent()
        engine.handle(.gatePlay(velocity: 1, offset: 1_000))
        engine.handle(.gatePlay(velocity: 1, offset: -3))
        #expect(engine.renderPeriod(count: 4) == [3, 3, 3, 6])
    }

    @Test func gatesBeyondTheQueueAreDroppedAndCounted() throws {
        let engine = try engine(FakeImpactModel(), pendingGates: 2)
        while engine.scheduler.step() == .worked {}
        for _ in 0..<5 { engine.handle(.gatePlay(velocity: 1)) }
        _ = engine.renderPeriod(count: 4)
        #expect(engine.counters.droppedGates == 3)
        #expect(engine.counters.missedGates == 0)
    }

    @Test func morphAndCVEventsSetTheInputsTheNextChunkReads() throws {
        let engine = try engine(FakeImpactModel())
        engine.handle(.morph(alpha: 0.75))
        #expect(engine.cv[2] == CVState.morphVoltage(alpha: 0.75))
        #expect(CVModulation.standard.morph(for: engine.cv) == 0.75)
        engine.handle(.morph(alpha: 7))
        #expect(CVModulation.standard.morph(for: engine.cv) == 1)
        engine.handle(.cv(index: 4, volts: 99))
        #expect(engine.cv[4] == CVState.voltageRange.upperBound)
        engine.handle(.cv(index: 4, volts: .nan))
        #expect(engine.cv[4] == nil)
        engine.handle(.cv(index: 0, volts: 1))
        #expect(engine.cv == {
            var expected = CVState()
            expected[2] = CVState.morphVoltage(alpha: 1)
            return expected
        }())
    }

    @Test func newProfilesReachTheNextChunk() throws {
        let model = FakeImpactModel()
        let engine = try engine(model)
        _ = engine.scheduler.step()
        _ = engine.scheduler.step()
        let quiet = ImpactProfile(name: "quiet", frames: Array(repeating: .constant(0.1), count: 40))
        try engine.setProfiles(primary: quiet)
        _ = engine.scheduler.step()
        #expect(model.receivedFrames[0].allSatisfy { $0.rms == 0.5 })
        #expect(model.receivedFrames[1].allSatisfy { $0.rms == 0.1 })
    }

    @Test func regenerateAfterAControlChangeGeneratesFromTheNewControls() throws {
        let model = FakeImpactModel()
        let engine = try engine(model)
        while engine.scheduler.step() == .worked {}  // the current impact, and the next one's first chunk
        let pregenerated = model.receivedFrames.count
        engine.handle(.gateRegenerate)
        while engine.scheduler.step() == .worked {}
        #expect(model.receivedFrames.count > pregenerated, "unchanged controls: the pre-generated impact is promoted")
        let calls = model.receivedFrames.count
        engine.handle(.cv(index: 3, volts: 2))
        engine.handle(.gateRegenerate)
        _ = engine.scheduler.step()  // drops the pre-generated impact and starts a new one
        _ = engine.scheduler.step()  // its first chunk
        // The pre-generated next impact (CV3 unpatched) is dropped: a new one starts from CV3 = 2 V.
        #expect(model.receivedFrames.count == calls + 1)
        #expect(model.receivedFrames.last?.allSatisfy { $0.rolloff == 1 } == true)
        while engine.scheduler.step() == .worked {}
        engine.handle(.cv(index: 3, volts: 2))
        engine.handle(.gateRegenerate)
        let before = model.receivedFrames.count
        _ = engine.scheduler.step()
        #expect(model.receivedFrames.count == before, "the same value again is no change: promoted without a new call")
    }

    @Test func swappedModelGeneratesTheNextImpactAndItBecomesCurrent() throws {
        let first = FakeImpactModel(behaviour: .callIndex)
        let engine = try engine(first)
        _ = engine.scheduler.step()
        _ = engine.scheduler.step()  // impact 1, chunk 0 of 3
        let second = FakeImpactModel(behaviour: .positional)
        try engine.swapModel(second)
        #expect(engine.currentModelName == "fake")
        while engine.scheduler.step() == .worked {}
        #expect(first.callCount == 1)
        #expect(second.callCount >= 3)
        engine.handle(.gatePlay(velocity: 1))
        let audio = engine.renderPeriod(count: 4)
        #expect(abs(audio[0] - FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: 0)) <= 1e-6)
        #expect(engine.counters.impactsStarted == 3)  // impact 1 (cut short), the new model's first and its next
    }

    @Test func swapRejectsModelsTheEngineCannotPlay() throws {
        let engine = try engine(FakeImpactModel())
        let lowerRate = #expect(throws: NeuroError.self) { try engine.swapModel(FakeImpactModel(sampleRate: 11_025)) }
        #expect(lowerRate?.message == "fake: impacts of 301 frames need 2408 samples per cache slot, the cache has 1204")
        try engine.swapModel(FakeImpactModel(sampleRate: 44_100))
        #expect(throws: NeuroError.self) { try engine.swapModel(FakeImpactModel(samplesPerFrame: 4_096)) }
        #expect(throws: NeuroError.self) { try engine.swapModel(FakeImpactModel(maxFramesPerCall: 4)) }
    }

    @Test func impactsOfAModelAtAnotherRateAreConvertedOnTheGenerationThread() throws {
        let frames = 40
        let model = FakeImpactModel(samplesPerFrame: 32)
        let profile = ImpactProfile(name: "test", frames: Array(repeating: .constant(0.5), count: frames))
        let engine = try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, maxFramesPerImpact: frames, outputSampleRate: 48_000))
        #expect(engine.sampleRate == 48_000)
        while engine.scheduler.step() == .worked {}
        let offline = try ImpactRenderer.render(model: FakeImpactModel(samplesPerFrame: 32), frames: profile.frames, seed: 0)
        let converted = try Resampler(from: 22_050, to: 48_000).resample(offline)
        #expect(engine.currentImpactProgress! == (converted.count, converted.count))
        engine.handle(.gatePlay(velocity: 1, offset: 3))
        let heard = engine.renderPeriod(count: converted.count + 3)
        #expect(heard[0..<3] == [0, 0, 0])
        let worst = zip(heard[3...], converted).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-6)
    }

    @Test func waitingForTheFirstImpactEndsWithItOrWithAClearError() throws {
        let ready = try engine(FakeImpactModel())
        ready.start()
        try ready.waitForCurrentImpact()
        #expect(ready.currentImpactProgress.map { $0.generated == $0.length } == true)
        ready.stop()
        let idle = try engine(FakeImpactModel())
        #expect(throws: NeuroError(.unavailable, "fake: no impact generated within 0.02 seconds (is the engine started?)")) {
            try idle.waitForCurrentImpact(timeout: .milliseconds(20))
        }
        let failing = try engine(FakeImpactModel(behaviour: .throwing(atCall: 0)))
        failing.start()
        defer { failing.stop() }
        let error = #expect(throws: NeuroError.self) { try failing.waitForCurrentImpact() }
        #expect(error?.kind == .modelFailure && error?.message.hasPrefix("fake: failed on the first impact") == true)
    }

    @Test func countersStartAtZero() throws {
        #expect(try engine(FakeImpactModel()).counters == EngineCounters())
    }
}

/// Transposed playback: `.gatePlay(semitones:)` reads the impact faster or slower, like a sampler.
@Suite struct TransposedPlaybackTests {
    private func engine() throws -> Engine {
        let profile = ImpactProfile(name: "ramp", frames: Array(repeating: .constant(0.5), count: 8))
        let engine = try Engine(
            model: FakeImpactModel(), control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, maxFramesPerImpact: 8))
        while engine.scheduler.step() == .worked {}
        return engine
    }

    private func sample(_ index: Int) -> Float { FakeImpactModel.expected(rms: 0.5, streamFrame: index / 4, sample: index % 4) }

    @Test func anOctaveUpReadsEveryOtherSampleAndEndsInHalfTheTime() throws {
        let engine = try engine()
        engine.handle(.gatePlay(velocity: 1, semitones: 12))
        let audio = engine.renderPeriod(count: 20)
        #expect(zip(audio[0..<16], (0..<16).map { sample(2 * $0) }).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(audio[16...].allSatisfy { $0 == 0 })
    }

    @Test func anOctaveDownInterpolatesBetweenSamples() throws {
        let engine = try engine()
        engine.handle(.gatePlay(velocity: 1, semitones: -12))
        let audio = engine.renderPeriod(count: 6)
        let expected: [Float] = [sample(0), (sample(0) + sample(1)) / 2, sample(1), (sample(1) + sample(2)) / 2, sample(2), (sample(2) + sample(3)) / 2]
        #expect(zip(audio, expected).allSatisfy { abs($0 - $1) <= 1e-6 })
    }

    @Test func aFifthUpHasTheEqualTemperedLength() throws {
        let engine = try engine()
        engine.handle(.gatePlay(velocity: 1, semitones: 7))
        let audio = engine.renderPeriod(count: 40)
        let sounding = audio.lastIndex { $0 != 0 }.map { $0 + 1 } ?? 0
        #expect(sounding == Int((32 / pow(2, 7.0 / 12)).rounded(.up)))
    }
}
