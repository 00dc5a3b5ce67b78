import Testing
@testable import NeuroCore

/// ``ChunkPlan/streaming(for:)`` and where it is the default: renderer, scheduler, engine.
@Suite struct StreamingPlanTests {
    private func plan(lookAhead: Int, maxFramesPerCall: Int = 64) -> ChunkPlan {
        .streaming(for: FakeImpactModel(maxFramesPerCall: maxFramesPerCall, lookAheadFrames: lookAhead))
    }

    @Test func hopFifteenPlusTheModelsLookAhead() throws {
        #expect(plan(lookAhead: 0) == .neurorack)
        #expect(plan(lookAhead: 1) == (try ChunkPlan(framesPerChunk: 16, hop: 15, firstHop: 3)))
        let nsf = plan(lookAhead: 6)
        #expect(nsf.framesPerChunk == 21 && nsf.hop == 15 && nsf.overlapFrames == 6 && nsf.firstHop == 3)
        #expect(plan(lookAhead: 40).framesPerChunk == 55)
    }

    @Test func oddLookAheadsGiveValidPlans() {
        #expect(plan(lookAhead: -3) == .neurorack)
        #expect(plan(lookAhead: 6, maxFramesPerCall: 18).framesPerChunk == 18)
        #expect(plan(lookAhead: .max).framesPerChunk == 64)
        #expect(plan(lookAhead: 6, maxFramesPerCall: 8) == .neurorack)
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 21, hop: 15, firstHop: 16) }
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 21, hop: 15, firstHop: 0) }
    }

    @Test func rendererDefaultsToTheStreamingPlan() throws {
        let model = FakeImpactModel(lookAheadFrames: 6)
        let frames = Array(repeating: ControlFrame.constant(0.1), count: 40)
        let audio = try ImpactRenderer.render(model: model, frames: frames, seed: 0)
        // 21/15 with a first hop of 3 over 40 frames: 0..<9, 3..<24, 18..<39, 33..<40.
        #expect(model.receivedFrames.map(\.count) == [9, 21, 21, 7])
        #expect(model.advances == [3, 15, 15, 7])
        let expected = (0..<40 * 4).map { FakeImpactModel.expected(rms: 0.1, streamFrame: $0 / 4, sample: $0 % 4) }
        #expect(zip(audio, expected).allSatisfy { abs($0 - $1) <= 1e-6 })
    }

    @Test func schedulerAndEngineDefaultToTheStreamingPlan() throws {
        let model = FakeImpactModel(lookAheadFrames: 6)
        let control = LatentControl(primary: ImpactProfile(name: "flat", frames: Array(repeating: .constant(0.1), count: 40)))
        let cache = ImpactCache(slotCount: 2, slotCapacity: 40 * 4)
        let scheduler = try GenerationScheduler(
            model: model, control: control, cache: cache, outputRate: model.sampleRate, configuration: .init(maxFramesPerImpact: 40))
        #expect(scheduler.plan == ChunkPlan.streaming(for: model))
        while scheduler.step() == .worked {}
        #expect(model.receivedFrames.prefix(4).map(\.count) == [9, 21, 21, 7])

        let engine = try Engine(model: FakeImpactModel(lookAheadFrames: 6), control: control)
        #expect(engine.scheduler.plan.framesPerChunk == 21)
        let original = try Engine(
            model: FakeImpactModel(lookAheadFrames: 6), control: control, configuration: .init(plan: .neurorack))
        #expect(original.scheduler.plan == .neurorack)
    }
}
