import Benchmark
import Foundation
import NeuroAudio
import NeuroCore

/// An engine with a fully generated impact and voices playing, ready to render 256-sample periods.
final class EngineFixture: @unchecked Sendable {
    static let periodLength = 256
    /// A gate every 16 periods keeps all 4 voices busy (an impact lasts 128 periods) and steals the oldest.
    static let gateInterval = 16

    let engine: Engine
    private var period = [Float](repeating: 0, count: periodLength)
    private var periodsRendered = 0

    init() throws {
        let frames = (0..<64).map { _ in
            ControlFrame(rms: 0.2, zcr: 0.1, rolloff: 4000, flatness: 0.1, bandwidth: 2000, centroid: 1500, f0: 220)
        }
        engine = try Engine(
            model: DecayingSineModel(), control: LatentControl(primary: ImpactProfile(name: "bench", frames: frames)))
        engine.start()
        try engine.waitForCurrentImpact()
        // Stop the generator so only the audio-thread path runs while measuring.
        engine.stop()
        for _ in 0..<(4 * Self.gateInterval) { renderPeriod() }
        guard period.contains(where: { $0 != 0 }), engine.counters.underruns == 0 && engine.counters.missedGates == 0 else { throw NeuroError(.modelFailure, "benchmark engine renders silence or underruns") }
    }

    /// One audio-thread callback, with a gate every ``gateInterval`` periods.
    func renderPeriod() {
        if periodsRendered % Self.gateInterval == 0 { engine.handle(.gatePlay(velocity: 0.8)) }
        periodsRendered += 1
        period.withUnsafeMutableBufferPointer { samples in
            var span = samples.mutableSpan
            engine.render(into: &span)
        }
    }
}

/// The engine of ``EngineFixture`` driven by a ``RenderLoop`` into an unpaced null sink, with a
/// scripted gate every 16 periods: the whole audio-thread path of a host.
final class RenderLoopFixture: @unchecked Sendable {
    let loop: RenderLoop
    let script: [ScheduledEvent]

    init() throws {
        let fixture = try EngineFixture()
        loop = try RenderLoop(engine: fixture.engine, sink: NullSink(), periodFrames: EngineFixture.periodLength)
        script = stride(from: 0, to: 1_000, by: EngineFixture.gateInterval).map {
            ScheduledEvent(sampleTime: $0 * EngineFixture.periodLength + 17, event: .gatePlay(velocity: 0.8))
        }
        try loop.run(periods: 1_000, script: script)
    }
}

/// A ring and the period buffers moved through it.
final class RingFixture: @unchecked Sendable {
    static let blockLength = 256
    let ring = SPSCRingBuffer(minimumCapacity: 1_024)
    private let source = [Float](repeating: 0.5, count: blockLength)
    private var destination = [Float](repeating: 0, count: blockLength)

    /// Writes one block and reads it back; returns the samples read.
    func moveBlock() -> Int {
        let written = source.withUnsafeBufferPointer { ring.write($0.span) }
        let read = destination.withUnsafeMutableBufferPointer { samples in
            var span = samples.mutableSpan
            return ring.read(into: &span)
        }
        return written + read
    }
}

let benchmarks: @Sendable () -> Void = {
    let realTimeMetrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .throughput]
    let configuration = Benchmark.Configuration(
        metrics: realTimeMetrics, warmupIterations: 100, maxDuration: .seconds(1), maxIterations: 50_000)

    Benchmark("EngineRender256Samples4Voices", configuration: configuration) { benchmark, fixture in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { fixture.renderPeriod() }
    } setup: {
        try EngineFixture()
    }

    // p90 thresholds only see allocations that happen in most samples: rendering 1 000 periods per
    // sample (gates, voice stealing, fades and voice endings included) makes any periodic allocation do so.
    Benchmark("EngineRender1000Periods", configuration: configuration) { benchmark, fixture in
        benchmark.startMeasurement()
        for _ in 0..<1_000 { fixture.renderPeriod() }
    } setup: {
        try EngineFixture()
    }

    // The host path: scripted sample-accurate gates, engine render, sink write, counters.
    Benchmark("RenderLoop1000PeriodsNullSink", configuration: configuration) { benchmark, fixture in
        benchmark.startMeasurement()
        try fixture.loop.run(periods: 1_000, script: fixture.script)
    } setup: {
        try RenderLoopFixture()
    }

    Benchmark("RingBufferWriteRead256Samples", configuration: configuration) { benchmark, fixture in
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(fixture.moveBlock()) }
    } setup: {
        RingFixture()
    }
}
