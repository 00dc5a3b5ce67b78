import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
@testable import NeuroAudio

@Suite struct RenderLoopTests {
    @Test func scriptedGateStartsAtItsSampleAndTheImpactEndsInSilence() throws {
        let engine = try StepImpactModel.readyEngine(frames: 10)
        defer { engine.stop() }
        let sink = CaptureSink(capacityFrames: 4_096)
        let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: 256)
        try loop.run(periods: 8, script: [ScheduledEvent(sampleTime: 300, event: .gatePlay(velocity: 1, offset: 99))])
        try loop.finish()
        let samples = sink.audio.samples
        #expect(samples.count == 8 * 256)
        #expect(samples[0..<300].allSatisfy { $0 == 0 })
        #expect(samples[300..<940].allSatisfy { $0 == 0.5 })
        #expect(samples[940...].allSatisfy { $0 == 0 })
        #expect(loop.counters.periods == 8 && loop.counters.sinkFailures == 0)
        #expect(engine.counters.missedGates == 0 && engine.counters.underruns == 0)
    }

    @Test func everyChannelGetsTheMonoSignal() throws {
        let engine = try StepImpactModel.readyEngine()
        defer { engine.stop() }
        let sink = CaptureSink(capacityFrames: 512)
        let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: 128, channelCount: 2)
        try loop.run(periods: 2, script: [ScheduledEvent(sampleTime: 10, event: .gatePlay(velocity: 0.5))])
        let audio = sink.audio
        #expect(audio.format == AudioFormat(sampleRate: 22_050, channelCount: 2))
        #expect(audio.channel(0) == audio.channel(1))
        #expect(audio.channel(0)[10] == 0.25 && audio.channel(0)[9] == 0)
    }

    @Test func unsortedScriptsAndBadSizesAreRejected() throws {
        let engine = try StepImpactModel.readyEngine()
        defer { engine.stop() }
        let loop = try RenderLoop(engine: engine, sink: NullSink(), periodFrames: 64)
        let script = [ScheduledEvent(sampleTime: 9, event: .gateRegenerate), ScheduledEvent(sampleTime: 3, event: .gateRegenerate)]
        #expect(throws: NeuroError(.invalidData, "render loop: script event 1 at sample 3 comes before event 0")) {
            try loop.run(periods: 1, script: script)
        }
        #expect(loop.counters.periods == 0)
        #expect(throws: NeuroError.self) { try RenderLoop(engine: engine, sink: NullSink(), periodFrames: 0) }
        #expect(throws: NeuroError.self) { try RenderLoop(engine: engine, sink: NullSink(), periodFrames: 64, channelCount: 0) }
    }

    @Test func sinkFailuresAreCountedAndReportedByFinish() throws {
        let engine = try StepImpactModel.readyEngine()
        defer { engine.stop() }
        let sink = CaptureSink(capacityFrames: 100)
        let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: 64)
        try loop.run(periods: 3)
        #expect(loop.counters.sinkFailures == 2)
        #expect(throws: NeuroError(.cannotWrite, "capture sink: full after 100 frames, 2 periods were dropped")) { try loop.finish() }
    }

    @Test func threadRendersPacedPeriodsUntilStopped() throws {
        let engine = try StepImpactModel.readyEngine()
        defer { engine.stop() }
        let loop = try RenderLoop(engine: engine, sink: NullSink(pacing: .realTime(clock: MonotonicClock())), periodFrames: 64)
        loop.start()
        loop.start()
        for _ in 0..<100_000 where loop.counters.periods < 5 { usleep(500) }
        try loop.finish()
        let stopped = loop.counters.periods
        #expect(stopped >= 5)
        usleep(10_000)
        #expect(loop.counters.periods == stopped)
    }

    @Test func aPullingDeviceRendersIntoItsOwnBufferWithTheSameCounters() throws {
        let engine = try StepImpactModel.readyEngine()
        defer { engine.stop() }
        let loop = try RenderLoop(engine: engine, sink: nil, periodFrames: 256)
        engine.handle(.gatePlay(velocity: 1, offset: 2))
        var device = [Float](repeating: .nan, count: 300)
        var span = device.mutableSpan
        loop.render(into: &span)
        _ = consume span
        #expect(device[0..<2] == [0, 0] && device[2] == 0.5)
        #expect(loop.counters.periods == 1 && loop.counters.longestRenderNanoseconds > 0)
        #expect(throws: NeuroError.self) { try loop.run(periods: 1) }
        try loop.finish()
    }

    @Test func wavFileSinkThroughTheLoopWritesWhatTheCaptureHolds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("live.wav")
        let script = [ScheduledEvent(sampleTime: 0, event: .gatePlay(velocity: 1))]
        let engine = try StepImpactModel.readyEngine()
        defer { engine.stop() }
        let fileLoop = try RenderLoop(engine: engine, sink: WAVFileSink(url: url, sampleFormat: .float32), periodFrames: 100)
        try fileLoop.run(periods: 8, script: script)
        try fileLoop.finish()
        let written = try WAVReader.read(from: url).audio
        #expect(written.frameCount == 800)
        #expect(written.samples[0..<640].allSatisfy { $0 == 0.5 } && written.samples[640...].allSatisfy { $0 == 0 })
        #expect(try directory.entries() == ["live.wav"])
    }
}
