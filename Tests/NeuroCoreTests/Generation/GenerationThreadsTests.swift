import Foundation
import Testing
@testable import NeuroCore

/// Several generation threads (lanes): a changed regenerate starts on a free lane at once, or on a
/// busy one that sets its impact aside; one next impact at a time; models that cannot be copied run on one lane.
@Suite struct GenerationThreadsTests {
    /// An engine of 40-frame impacts cut into ten chunks, with `threads` generation threads.
    private func engine(threads: Int, setAside: Int = 2, model: FakeImpactModel = FakeImpactModel()) throws -> Engine {
        let profile = ImpactProfile(name: "test", frames: Array(repeating: .constant(0.5), count: 40))
        return try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(
                volumeRampDuration: 0, plan: try ChunkPlan(framesPerChunk: 4, hop: 4), generationThreads: threads,
                setAsideImpactsPerThread: setAside))
    }

    /// Starts impact 1 on lane 0 with one chunk, and the next impact (2) on lane 1 with its
    /// pre-generated chunk; then changes a CV and asks for a regenerate.
    private func requestChangedRegenerateWhileImpactOneIsUnfinished(_ engine: Engine) {
        #expect(engine.scheduler.step(lane: 0) == .worked)  // impact 1 starts, current
        #expect(engine.scheduler.step(lane: 0) == .worked)  // its first chunk
        engine.handle(.cv(index: 3, volts: 1))
        engine.handle(.gateRegenerate)
    }

    @Test func aChangedRegenerateStartsOnAFreeLaneBeforeTheCurrentImpactIsFinished() throws {
        let engine = try engine(threads: 2)
        requestChangedRegenerateWhileImpactOneIsUnfinished(engine)
        #expect(engine.scheduler.step(lane: 1) == .worked)  // a fresh impact from the new controls, current at once
        let fresh = try #require(engine.currentImpactNumber)
        #expect(fresh != 1)
        #expect(engine.scheduler.step(lane: 1) == .worked)  // its first chunk
        #expect(try #require(engine.currentImpactProgress).generated == 4 * 4)
        // Impact 1 is still finished by lane 0 (a voice may be playing it).
        #expect(engine.scheduler.step(lane: 0) == .worked)
        #expect(engine.currentImpactNumber == fresh)
    }

    @Test func withoutSparesTheRegenerateWaitsForTheImpactInProgress() throws {
        let engine = try engine(threads: 1, setAside: 0)
        requestChangedRegenerateWhileImpactOneIsUnfinished(engine)
        for _ in 0..<9 {
            #expect(engine.scheduler.step(lane: 0) == .worked)  // impact 1's remaining chunks
            #expect(engine.currentImpactNumber == 1)
        }
        #expect(engine.scheduler.step(lane: 0) == .worked)
        #expect(engine.currentImpactNumber != 1)
    }

    /// The current impact, pinned as a voice playing it would (so that its slot is not reused).
    private func pinCurrentImpact(of engine: Engine) throws -> ImpactCache.Reference {
        try #require(engine.cache.handle.pinCurrent())
    }

    /// The samples of `impact` in the cache so far, and its length.
    private func progress(of impact: ImpactCache.Reference, in engine: Engine) -> (ready: Int, length: Int) {
        let samples = engine.cache.handle.readySamples(impact)
        return (samples.ready, samples.length)
    }

    @Test func withOneThreadARegenerateSetsTheImpactInProgressAsideAndStartsAtOnce() throws {
        let engine = try engine(threads: 1)
        requestChangedRegenerateWhileImpactOneIsUnfinished(engine)
        let first = try pinCurrentImpact(of: engine)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // impact 1 set aside, a fresh impact current
        let fresh = try pinCurrentImpact(of: engine)
        #expect(fresh.id != first.id)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // the fresh impact's first chunk
        #expect(try #require(engine.currentImpactProgress).generated == 16)
        // Impact 1's audio is due sooner (it became current earlier with as much audio): it goes next.
        #expect(engine.scheduler.step(lane: 0) == .worked)
        #expect(progress(of: first, in: engine).ready == 32)
        while engine.scheduler.step(lane: 0) == .worked {}
        // Both end complete, each from its own model: impact 1 was not cut short.
        #expect(progress(of: first, in: engine) == (160, 160))
        #expect(progress(of: fresh, in: engine) == (160, 160))
        #expect(engine.counters.modelFailures == 0)
    }

    @Test func regeneratesInARowSetAsideAsManyImpactsAsThereAreSparesAndFinishThemAll() throws {
        let engine = try engine(threads: 1, setAside: 2)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // impact 1, current
        var impacts: [ImpactCache.Reference] = []
        for request in 1...4 {
            #expect(engine.scheduler.step(lane: 0) == .worked)  // the current impact's first chunk
            impacts.append(try pinCurrentImpact(of: engine))
            engine.handle(.cv(index: 3, volts: Float(request)))
            engine.handle(.gateRegenerate)
            #expect(engine.scheduler.step(lane: 0) == .worked)
        }
        // Requests 1 and 2 set impacts 1 and 2 aside at once; request 3 found no spare, so impact 3
        // was generated (interleaved with the set-aside ones, by due time) until it ended.
        #expect(impacts.map(\.id) == [1, 2, 3, 3])
        while engine.scheduler.step(lane: 0) == .worked {}
        for impact in Set(impacts.map(\.id)) {
            let reference = try #require(impacts.first { $0.id == impact })
            #expect(progress(of: reference, in: engine) == (160, 160), "impact \(impact)")
        }
        // The spares are free again: the next regenerate starts at once.
        let last = try #require(engine.cache.handle.currentImpact())
        engine.handle(.gateRegenerate)
        #expect(engine.scheduler.step(lane: 0) == .worked)
        #expect(engine.currentImpactNumber != last.id)
    }

    @Test func aSetAsideImpactThatFailsEndsAtItsLastCompleteChunk() throws {
        // Every model instance fails on its second call: impact 1's second chunk, after it was set aside.
        let engine = try engine(threads: 1, model: FakeImpactModel(behaviour: .throwing(atCall: 1)))
        requestChangedRegenerateWhileImpactOneIsUnfinished(engine)
        let first = try pinCurrentImpact(of: engine)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // set aside; fresh impact current
        #expect(engine.scheduler.step(lane: 0) == .worked)  // the fresh impact's first chunk
        #expect(engine.scheduler.step(lane: 0) == .failed)  // impact 1's second chunk
        #expect(progress(of: first, in: engine) == (16, 16))
        #expect(engine.counters.modelFailures == 1)
        #expect(try #require(engine.currentImpactProgress).generated == 16)
    }

    @Test func aModelSwapDropsTheSetAsideImpactsAtTheirLastCompleteChunk() throws {
        let engine = try engine(threads: 1)
        requestChangedRegenerateWhileImpactOneIsUnfinished(engine)
        let first = try pinCurrentImpact(of: engine)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // set aside
        try engine.swapModel(FakeImpactModel(behaviour: .callIndex))
        #expect(engine.scheduler.step(lane: 0) == .worked)  // the swap
        #expect(progress(of: first, in: engine) == (16, 16))
        while engine.scheduler.step(lane: 0) == .worked {}
        #expect(progress(of: first, in: engine) == (16, 16))
        let current = try #require(engine.cache.handle.currentImpact())
        #expect(unsafe engine.cache.handle.readySamples(current).samples[0] == 0)  // the new model's call 0
    }

    @Test func setAsideCountsOutsideTheLimitsAreRejected() {
        for setAside in [-1, Engine.maxSetAsideImpactsPerThread + 1] {
            #expect(throws: NeuroError.self) { _ = try self.engine(threads: 1, setAside: setAside) }
        }
    }

    @Test func onlyOneLaneHoldsTheNextImpact() throws {
        let engine = try engine(threads: 3)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // impact 1, current
        #expect(engine.scheduler.step(lane: 1) == .worked)  // impact 2, the next one
        #expect(engine.scheduler.step(lane: 2) == .idle)    // no second next impact
        #expect(engine.counters.impactsStarted == 2)
        engine.handle(.gateRegenerate)                      // unchanged controls: lane 1 promotes impact 2
        #expect(engine.scheduler.step(lane: 1) == .worked)
        #expect(engine.currentImpactNumber == 2)
        #expect(engine.scheduler.step(lane: 2) == .worked)  // now lane 2 may start the next one
        #expect(engine.counters.impactsStarted == 3)
    }

    @Test func aModelThatCanBeCopiedRunsOnEveryThread() throws {
        #expect(try engine(threads: 4).generationThreadCount == 4)
    }

    @Test func aModelThatCannotBeCopiedRunsOnOneThread() throws {
        let engine = try engine(threads: 4, model: FakeImpactModel(isCopyable: false))
        #expect(engine.generationThreadCount == 1)
        #expect(engine.scheduler.step(lane: 1) == .idle)
        #expect(engine.scheduler.step(lane: 0) == .worked)
    }

    @Test func swappingToAModelThatCannotBeCopiedRetiresTheOtherLanes() throws {
        let engine = try engine(threads: 2)
        #expect(engine.scheduler.step(lane: 0) == .worked)
        #expect(engine.scheduler.step(lane: 1) == .worked)
        try engine.swapModel(FakeImpactModel(behaviour: .callIndex, isCopyable: false))
        #expect(engine.generationThreadCount == 1)
        #expect(engine.scheduler.step(lane: 1) == .worked)  // drops its impact, retires
        #expect(engine.scheduler.step(lane: 1) == .idle)
        #expect(engine.scheduler.step(lane: 0) == .worked)  // takes the new model
        #expect(engine.scheduler.step(lane: 0) == .worked)  // its first impact, current at once
        #expect(engine.scheduler.step(lane: 0) == .worked)  // first chunk: call 0 of the new model
        let current = try #require(engine.cache.handle.currentImpact())
        #expect(engine.cache.handle.readySamples(current).ready == 16)
        #expect(unsafe engine.cache.handle.readySamples(current).samples[0] == 0)
    }

    @Test func threadCountsOutsideTheLimitsAreRejected() {
        for threads in [0, Engine.maxGenerationThreads + 1] {
            #expect(throws: NeuroError.self) { _ = try self.engine(threads: threads) }
        }
    }

    @Test func notesAtChangingPitchesPlayFromSeveralRunningThreads() throws {
        let engine = try engine(threads: 2)
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact(timeout: .seconds(30))
        var heard = 0
        for note in 0..<24 {
            engine.handle(.gateNote(velocity: 1, offset: 0, semitones: Float(note % 3) * 5))
            for _ in 0..<8 {
                let period = engine.renderPeriod(count: 64)
                #expect(period.allSatisfy { $0.isFinite })
                heard += period.contains { $0 != 0 } ? 1 : 0
                usleep(200)
            }
        }
        #expect(heard > 0)
        let counters = engine.counters
        #expect(counters.modelFailures == 0)
        #expect(counters.impactsStarted >= 3)
    }
}
