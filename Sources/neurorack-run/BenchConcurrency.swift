import Foundation
import NeuroCore
import NeuroNSF
import Synchronization

/// Generation throughput with several impacts generated at once, as the engine's generation
/// threads do (``Engine/Configuration/generationThreads``): `threads` independent copies of the
/// model, each on its own thread, render impacts with the engine's streaming plan.
struct BenchConcurrency {
    /// The model copied for every thread (each copy has its own state, the weights are shared).
    let model: NSFModel
    /// The impact's control frames.
    let frames: [ControlFrame]

    /// Renders `impactsPerThread` impacts on each of `threads` threads at once and returns the
    /// elapsed seconds of the whole.
    ///
    /// - Throws: what copying the model or rendering throws.
    func measure(threads: Int, impactsPerThread: Int) throws(NeuroError) -> BenchReport.ConcurrencyRun {
        var copies: [any ImpactModel] = [model]
        while copies.count < threads, let copy = try model.makeIndependentCopy() { copies.append(copy) }
        let models = copies
        let plan = ChunkPlan.streaming(for: model)
        let failure = Mutex<NeuroError?>(nil)
        let frames = self.frames
        let started = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: models.count) { index in
            do throws(NeuroError) {
                for impact in 0..<impactsPerThread {
                    _ = try ImpactRenderer.render(
                        model: models[index], frames: frames, seed: UInt64(index * impactsPerThread + impact), plan: plan)
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        let seconds = (ContinuousClock.now - started).seconds
        if let error = failure.withLock({ $0 }) { throw error }
        let impactSeconds = Double(frames.count * model.samplesPerFrame) / Double(model.sampleRate)
        return BenchReport.ConcurrencyRun(
            threads: models.count, impacts: models.count * impactsPerThread, seconds: seconds,
            audioSeconds: Double(models.count * impactsPerThread) * impactSeconds)
    }

    /// The thread counts measured: 1, 2 and every core of this machine.
    static var threadCounts: [Int] {
        Array(Set([1, 2, ProcessInfo.processInfo.activeProcessorCount])).sorted()
    }
}
