import Foundation
import NeuroCore

/// Regenerate → first new sample, measured in a running engine: from a CV change and a
/// regenerate request until the new impact's first chunk is final in the cache (a gate plays it
/// from then on). The engine is idle before each request (the current impact and the next one's
/// first chunk generated), as it is between a musician's gestures.
struct BenchRegenerate {
    /// The model measured.
    let model: any ImpactModel
    /// The profile the impacts follow.
    let profile: ImpactProfile

    /// The seconds of each of `repetitions` regenerates with chunk plan `plan`.
    ///
    /// - Throws: `.unavailable` when the engine does not become idle or never answers (a model
    ///   far slower than real time).
    func measure(plan: ChunkPlan, repetitions: Int) throws(NeuroError) -> [Double] {
        let engine = try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(plan: plan, maxFramesPerImpact: profile.frames.count))
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact()
        var seconds: [Double] = []
        for repetition in 0..<repetitions {
            try waitUntilIdle(engine)
            let before = engine.counters
            let started = ContinuousClock.now
            engine.handle(.cv(index: 3, volts: repetition.isMultiple(of: 2) ? 1.5 : 1))
            engine.handle(.gateRegenerate)
            let deadline = started + .seconds(10)
            while true {
                let now = engine.counters
                if now.impactsStarted > before.impactsStarted, now.chunksGenerated > before.chunksGenerated { break }
                guard ContinuousClock.now < deadline else {
                    throw NeuroError(.unavailable, "\(model.name): no new chunk within 10 s of a regenerate")
                }
            }
            seconds.append((ContinuousClock.now - started).seconds)
        }
        return seconds
    }

    /// Waits until the chunk count has not moved for 20 ms.
    private func waitUntilIdle(_ engine: Engine) throws(NeuroError) {
        let deadline = ContinuousClock.now + .seconds(30)
        var last = engine.counters.chunksGenerated
        while ContinuousClock.now < deadline {
            usleep(20_000)
            let now = engine.counters.chunksGenerated
            if now == last, engine.currentImpactProgress.map({ $0.generated == $0.length }) == true { return }
            last = now
        }
        throw NeuroError(.unavailable, "\(model.name): the engine did not become idle within 30 s")
    }
}
