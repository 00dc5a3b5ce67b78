import Foundation
import NeuroCore

/// Regenerate → first new sample, measured in a running engine: from a CV change and a
/// regenerate request until the new impact's first chunk is final in the cache (a gate plays it
/// from then on). Either the engine is idle before each request (the current impact and the next
/// one's first chunk generated), as it is between a musician's gestures, or busy: the request
/// comes right after another regenerate's first chunk, while that impact's other chunks are still
/// being generated (two fast gestures; what more generation threads and set-aside impacts help).
struct BenchRegenerate {
    /// The model measured.
    let model: any ImpactModel
    /// The profile the impacts follow.
    let profile: ImpactProfile

    /// The profile of the busy runs: a 2-s crash of 87 frames (7 chunks of the streaming plan).
    static let busyProfileName = "cymbal-crash-1"

    /// The seconds of each of `repetitions` regenerates with chunk plan `plan` on
    /// `generationThreads` threads that may each set `setAside` impacts aside, the engine idle or busy before each.
    ///
    /// - Throws: `.unavailable` when the engine does not become idle or never answers (a model
    ///   far slower than real time).
    func measure(
        plan: ChunkPlan, repetitions: Int, generationThreads: Int = 1, setAside: Int = Engine.Configuration().setAsideImpactsPerThread,
        whileBusy: Bool = false
    ) throws(NeuroError) -> [Double] {
        let engine = try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(
                plan: plan, maxFramesPerImpact: profile.frames.count, generationThreads: generationThreads,
                setAsideImpactsPerThread: setAside))
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact()
        var seconds: [Double] = []
        for repetition in 0..<repetitions {
            try waitUntilIdle(engine)
            if whileBusy { _ = try regenerate(engine, cv: 2) }
            seconds.append(try regenerate(engine, cv: repetition.isMultiple(of: 2) ? 1.5 : 1))
        }
        return seconds
    }

    /// Moves CV3 to `cv` volts, asks for a regenerate and waits until another impact is current
    /// with its first chunk final: the seconds that took.
    private func regenerate(_ engine: Engine, cv: Float) throws(NeuroError) -> Double {
        let previous = engine.currentImpactNumber
        let started = ContinuousClock.now
        engine.handle(.cv(index: 3, volts: cv))
        engine.handle(.gateRegenerate)
        let deadline = started + .seconds(10)
        while engine.currentImpactNumber == previous || (engine.currentImpactProgress?.generated ?? 0) == 0 {
            guard ContinuousClock.now < deadline else {
                throw NeuroError(.unavailable, "\(model.name): no new chunk within 10 s of a regenerate")
            }
            // Polls without taking a core from the generation threads.
            usleep(100)
        }
        return (ContinuousClock.now - started).seconds
    }

    /// Waits until the current impact is complete and the chunk count has not moved for 150 ms
    /// (longer than a chunk takes, so a chunk of the next impact in progress is not mistaken for idleness).
    private func waitUntilIdle(_ engine: Engine) throws(NeuroError) {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = engine.counters.chunksGenerated
        while ContinuousClock.now < deadline {
            usleep(150_000)
            let now = engine.counters.chunksGenerated
            if now == last, engine.currentImpactProgress.map({ $0.generated == $0.length }) == true { return }
            last = now
        }
        throw NeuroError(.unavailable, "\(model.name): the engine did not become idle within 30 s")
    }
}
