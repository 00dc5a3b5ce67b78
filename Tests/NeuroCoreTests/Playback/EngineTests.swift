import Foundation
import Testing
@testable import NeuroCore

@Suite struct EngineTests {
    private static let samplesPerFrame = 4

    private func profile(frames: Int = 40) -> ImpactProfile {
        ImpactProfile(name: "test", frames: (0..<frames).map { _ in
            ControlFrame(rms: 0.5, zcr: 0.1, rolloff: 1000, flatness: 0.2, bandwidth: 800, centroid: 900, f0: 0)
        })
    }

    private func makeEngine(_ model: FakeImpactModel, frames: Int = 40, voices: Int = 4) throws -> Engine {
        try Engine(
            model: model, control: LatentControl(primary: profile(frames: frames)),
            configuration: Engine.Configuration(voiceCount: voices, volumeRampDuration: 0))
    }

    private func positional(streamFrame: Int, sample: Int) -> Float {
        FakeImpactModel.expected(rms: 0.5, streamFrame: streamFrame, sample: sample)
    }

    @Test func gatePlaysTheFirstChunkAsSoonAsItIsGenerated() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame)
        let engine = try makeEngine(model)
        #expect(engine.cache.currentImpactProgress == nil)
        #expect(engine.scheduler.step() == .worked)  // starts and publishes impact 1
        #expect(engine.cache.currentImpactProgress! == (0, 160))
        var seeds = SplitMix64(seed: 0)
        #expect(model.lastSeed == seeds.next())
        #expect(engine.scheduler.step() == .worked)  // chunk 0
        #expect(engine.cache.currentImpactProgress! == (60, 160))
        engine.handle(.gatePlay(velocity: 1))
        let audio = engine.renderPeriod(count: 8)
        let expected = (0..<8).map { positional(streamFrame: $0 / 4, sample: $0 % 4) }
        #expect(zip(audio, expected).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(engine.counters.underruns == 0 && engine.counters.missedGates == 0)
    }

    @Test func liveImpactEqualsTheOfflineRender() throws {
        let control = LatentControl(primary: profile(frames: 47))
        let offline = try ImpactRenderer.render(
            model: FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .callIndex),
            frames: control.frames(cv: CVState()), seed: 0)
        let engine = try makeEngine(FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .callIndex), frames: 47)
        while engine.scheduler.step() == .worked {}
        engine.handle(.gatePlay(velocity: 1))
        #expect(engine.renderPeriod(count: offline.count) == offline)
    }

    @Test func lateGenerationGivesSilenceThenTheImpactFromItsStart() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame)
        let engine = try makeEngine(model)
        #expect(engine.renderPeriod(count: 4) == [0, 0, 0, 0])
        engine.handle(.gatePlay(velocity: 1))
        #expect(engine.renderPeriod(count: 4) == [0, 0, 0, 0])
        #expect(engine.counters.missedGates == 1)  // the gate found no impact
        #expect(engine.scheduler.step() == .worked)  // impact published, nothing generated yet
        engine.handle(.gatePlay(velocity: 1))
        #expect(engine.renderPeriod(count: 4) == [0, 0, 0, 0])
        #expect(engine.counters.lateStarts == 1)  // the voice waits for its first samples
        #expect(engine.counters.underruns == 0)
        #expect(engine.scheduler.step() == .worked)
        let resumed = engine.renderPeriod(count: 4)
        #expect(abs(resumed[0] - positional(streamFrame: 0, sample: 0)) <= 1e-6)
    }

    @Test func nextImpactIsPreGeneratedAndRegenerationPromotesIt() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .callIndex)
        let engine = try makeEngine(model)
        var steps = 0
        while engine.scheduler.step() == .worked { steps += 1 }
        // Impact 1: start + 3 chunks; impact 2: start + 1 pre-generated chunk; then idle.
        #expect(steps == 6)
        #expect(model.callCount == 4)
        engine.handle(.gatePlay(velocity: 1))
        #expect(engine.renderPeriod(count: 2) == [0, 0])

        engine.handle(.gateRegenerate)
        #expect(engine.scheduler.step() == .worked)  // promotion
        engine.handle(.gatePlay(velocity: 1))
        // Voice 1 still plays impact 1 (value 0); voice 2 plays impact 2, whose first call was call 3.
        #expect(engine.renderPeriod(count: 2) == [3, 3])
        while engine.scheduler.step() == .worked {}
        #expect(model.callCount == 7)  // impact 2 finished (calls 4, 5), impact 3 pre-generated (call 6)
    }

    /// Regression: a next impact of one chunk is complete when a regenerate promotes it; the
    /// scheduler must then start the one after it (it used to stay idle for good).
    @Test func regeneratingAShortImpactStartsTheNextOne() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .callIndex)
        let engine = try makeEngine(model, frames: 10)
        while engine.scheduler.step() == .worked {}
        #expect(engine.counters.impactsStarted == 2)
        for round in 1...3 {
            engine.handle(.gateRegenerate)
            while engine.scheduler.step() == .worked {}
            #expect(engine.counters.impactsStarted == 2 + round)
            engine.handle(.gatePlay(velocity: 1))
            // Impact n + 1 is all value n (its one call was call n); earlier voices still sound.
            #expect(engine.renderPeriod(count: 1) == [Float(round * (round + 1) / 2)])
        }
    }

    @Test func cvChangesReachTheNextChunk() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame)
        let engine = try makeEngine(model)
        _ = engine.scheduler.step()
        _ = engine.scheduler.step()
        engine.handle(.cv(index: 3, volts: 2))
        engine.handle(.cv(index: 9, volts: 2))
        _ = engine.scheduler.step()
        #expect(model.receivedFrames[0].allSatisfy { $0.rolloff == 1000 })
        #expect(model.receivedFrames[1].allSatisfy { $0.rolloff == 2000 })
        #expect(engine.scheduler.cv[3] == 2)
    }

    @Test func throwingModelIsReportedAndTheImpactEndsAtItsLastGoodChunk() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .throwing(atCall: 1))
        let engine = try makeEngine(model)
        #expect(engine.scheduler.step() == .worked)
        #expect(engine.scheduler.step() == .worked)
        #expect(engine.scheduler.step() == .failed)
        #expect(engine.scheduler.failureCount == 1)
        #expect(engine.scheduler.lastError?.kind == .modelFailure)
        engine.handle(.gatePlay(velocity: 1))
        let audio = engine.renderPeriod(count: 64)
        #expect(audio[0..<60].allSatisfy { $0 != 0 })
        #expect(audio[60...].allSatisfy { $0 == 0 })
        #expect(engine.counters.underruns == 0)
        #expect(engine.counters.modelFailures == 1)
        #expect(engine.counters.lastError?.kind == .modelFailure)
    }

    @Test func volumeScalesTheOutput() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .callIndex)
        let engine = try makeEngine(model)
        engine.handle(.volume(.nan))
        engine.handle(.volume(3))
        #expect(engine.volume == 1)
        while engine.scheduler.step() == .worked {}
        engine.handle(.gatePlay(velocity: 1))
        _ = engine.renderPeriod(count: 64)  // past the cross-fade into chunk 1 (value 1)
        engine.handle(.volume(0.25))
        #expect(engine.renderPeriod(count: 4) == [0.25, 0.25, 0.25, 0.25])
    }

    @Test func invalidConfigurationsAreRejected() {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, maxFramesPerCall: 8)
        #expect(throws: NeuroError.self) { try makeEngine(model) }
        #expect(throws: NeuroError.self) { try makeEngine(FakeImpactModel(), voices: 0) }
        #expect(throws: NeuroError.self) { try makeEngine(FakeImpactModel(), frames: 0) }
        let engine = try? makeEngine(FakeImpactModel())
        #expect(throws: NeuroError.self) {
            try engine?.setProfiles(primary: ImpactProfile(name: "empty", frames: []))
        }
        #expect(engine?.sampleRate == 22_050)
    }

    @Test func generationThreadFeedsTheAudioThread() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame)
        let engine = try makeEngine(model)
        engine.start()
        defer { engine.stop() }
        var heard: [Float] = []
        // Poll without any time limit on the result: stop as soon as the impact is heard.
        for _ in 0..<100_000 where heard.isEmpty {
            engine.handle(.gatePlay(velocity: 1))
            let audio = engine.renderPeriod(count: 8)
            if audio.contains(where: { $0 != 0 }) { heard = audio }
            usleep(100)
        }
        #expect(!heard.isEmpty)
        #expect(heard.allSatisfy { $0.isFinite })
        #if os(Linux)
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        let threadNames = tasks.map { task in
            FileManager.default.contents(atPath: "/proc/self/task/\(task)/comm").map { String(decoding: $0, as: UTF8.self) } ?? "?"
        }
        #expect(threadNames.contains { $0.hasPrefix("neuro-generate") }, "threads: \(threadNames)")
        #endif
        engine.stop()
        engine.stop()
        #expect(engine.scheduler.failureCount == 0)
    }

    @Test func concurrentControlEventsWhilePlayingKeepTheOutputClean() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame)
        let engine = try makeEngine(model, frames: 200)
        engine.start()
        defer { engine.stop() }
        let controlDone = DispatchSemaphore(value: 0)
        Thread {
            for step in 0..<3_000 {
                switch step % 4 {
                case 0: engine.handle(.gatePlay(velocity: Float(step % 10) / 10))
                case 1: engine.handle(.cv(index: 2 + step % 4, volts: Float(step % 9) - 2))
                case 2: engine.handle(.volume(Float(step % 5) / 4))
                default: if step % 40 == 3 { engine.handle(.gateRegenerate) }
                }
                if step % 8 == 0 { usleep(50) }
            }
            controlDone.signal()
        }.start()
        var largest: Float = 0
        var nonFinite = 0
        for _ in 0..<2_000 {
            for sample in engine.renderPeriod(count: 64) {
                if sample.isFinite { largest = max(largest, abs(sample)) } else { nonFinite += 1 }
            }
            usleep(20)
        }
        controlDone.wait()
        #expect(nonFinite == 0)
        // Four voices of at most |0.5 + 200 · 0.01 + 3 · 0.0001| each, at velocity and volume ≤ 1.
        #expect(largest > 0 && largest <= 4 * 2.5004)
        #expect(engine.scheduler.failureCount == 0)
    }

    @Test func generationThreadReportsModelFailures() throws {
        let model = FakeImpactModel(samplesPerFrame: Self.samplesPerFrame, behaviour: .throwing(atCall: 0))
        let engine = try makeEngine(model)
        engine.start()
        for _ in 0..<100_000 where engine.scheduler.failureCount == 0 { usleep(100) }
        engine.stop()
        #expect(engine.scheduler.failureCount >= 1)
        #expect(engine.scheduler.lastError == NeuroError(.modelFailure, "fake: failing on purpose at call 0"))
    }
}
