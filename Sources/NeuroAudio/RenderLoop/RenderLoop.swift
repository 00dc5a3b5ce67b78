import Foundation
import NeuroCore
import Synchronization

/// Drives `Engine.render(into:)` into an `AudioSink` period by period: the one render loop
/// of every host (offline live-style renders, the desktop instrument, the module, soak tests).
///
/// The loop is paced by its sink: a device (or a paced ``NullSink``) blocks in `write` until it
/// takes the period; a file or capture sink takes periods as fast as they come. Each period the
/// loop hands the engine the ``ScheduledEvent``s that fall into it, renders mono audio, copies
/// it to every channel, and writes it. It counts periods, deadline misses (an engine render
/// slower than the period) and sink failures in atomics that any thread may read.
///
/// ```swift
/// let sink = WAVFileSink(url: url, sampleFormat: .float32)
/// let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: 256)
/// try loop.run(periods: 100, script: [ScheduledEvent(sampleTime: 0, event: .gatePlay(velocity: 1))])
/// try loop.finish()
/// ```
///
/// - Important: ``run(periods:script:generation:)`` and the thread of ``start(realtimePriority:)`` are the audio thread:
///   after ``init(engine:sink:periodFrames:channelCount:clock:)`` they allocate nothing.
public final class RenderLoop: @unchecked Sendable {
    /// The engine rendered.
    public let engine: Engine
    /// Where the audio goes; `nil` for a device that pulls periods itself (``render(into:)``).
    public let sink: (any AudioSink)?
    /// Frames per period.
    public let periodFrames: Int
    /// The format given to the sink.
    public let format: AudioFormat
    private let clock: any HostClock
    private var mono: [Float]
    private var interleaved: [Float]
    private let periods = Atomic<Int>(0)
    private let deadlineMisses = Atomic<Int>(0)
    private let sinkFailures = Atomic<Int>(0)
    private let longestRender = Atomic<UInt64>(0)
    private let lastPeriodStart = Atomic<UInt64>(0)
    private let worker = WorkerThread(name: "neuro-audio")

    /// Prepares `sink` for periods of `periodFrames` frames of `channelCount` channels at the engine's rate.
    ///
    /// Without a sink the loop serves a device that pulls periods from its own callback (JACK):
    /// the callback calls ``render(into:)``, which keeps the same counters.
    ///
    /// - Important: Not real-time: allocates the period buffers and opens the sink.
    /// - Throws: `.invalidData` for a period outside 1…65536 frames or a channel count outside
    ///   1…64, and whatever the sink's `prepare` throws.
    public init(
        engine: Engine, sink: (any AudioSink)?, periodFrames: Int, channelCount: Int = 1,
        clock: any HostClock = MonotonicClock()
    ) throws(NeuroError) {
        guard (1...65_536).contains(periodFrames) else {
            throw NeuroError(.invalidData, "render loop: period must be 1…65536 frames, got \(periodFrames)")
        }
        guard (1...64).contains(channelCount) else {
            throw NeuroError(.invalidData, "render loop: channel count must be 1…64, got \(channelCount)")
        }
        self.engine = engine
        self.sink = sink
        self.periodFrames = periodFrames
        self.clock = clock
        format = AudioFormat(sampleRate: engine.sampleRate, channelCount: channelCount)
        mono = [Float](repeating: 0, count: periodFrames)
        interleaved = channelCount > 1 ? [Float](repeating: 0, count: periodFrames * channelCount) : []
        try sink?.prepare(format: format, maxFrameCount: periodFrames)
    }

    /// Where an offline run's audio is generated.
    public enum Generation: Sendable {
        /// On the engine's generation thread (started by the host).
        case thread
        /// On the render loop's thread, before each period.
        case inline
    }

    /// What the loop has done so far. Safe from any thread.
    public var counters: RenderLoopCounters {
        RenderLoopCounters(
            periods: periods.load(ordering: .relaxed), deadlineMisses: deadlineMisses.load(ordering: .relaxed),
            sinkFailures: sinkFailures.load(ordering: .relaxed),
            longestRenderNanoseconds: longestRender.load(ordering: .relaxed))
    }

    /// Renders `count` periods on the calling thread, applying `script` at its sample times,
    /// counted from the first sample this call renders.
    ///
    /// Events at negative times are applied at the first period; events after the last period
    /// are not applied. `script` must be sorted by sample time (it is checked).
    ///
    /// - Parameters:
    ///   - count: the number of periods.
    ///   - script: events at sample times, sorted.
    ///   - generation: `.thread` when the engine's generation thread runs (live, soak);
    ///     `.inline` to do the generation work before every period on this thread instead
    ///     (`Engine.generatePendingWork()`): an offline render that never underruns and is
    ///     deterministic.
    /// - Throws: `.usage` without a sink; `.invalidData` when the script is not sorted (nothing
    ///   is rendered then); `.usage` for `.inline` while the generation thread runs.
    public func run(periods count: Int, script: [ScheduledEvent] = [], generation: Generation = .thread) throws(NeuroError) {
        guard sink != nil else { throw NeuroError(.usage, "render loop: run(periods:) needs a sink; a pulling device calls render(into:)") }
        for index in script.indices.dropFirst() where script[index].sampleTime < script[index - 1].sampleTime {
            throw NeuroError(.invalidData, "render loop: script event \(index) at sample \(script[index].sampleTime) comes before event \(index - 1)")
        }
        var next = 0
        var periodStart = 0
        for _ in 0..<max(count, 0) {
            while next < script.count, script[next].sampleTime < periodStart + periodFrames {
                engine.handle(Self.placed(script[next], periodStart: periodStart))
                next += 1
            }
            if generation == .inline { try engine.generatePendingWork() }
            renderPeriod()
            periodStart += periodFrames
        }
    }

    /// Starts a thread (`neuro-audio`) that renders periods until ``stop()``, paced by the sink.
    ///
    /// The running thread keeps the loop alive: call ``stop()`` or ``finish()`` to end it.
    ///
    /// - Parameter realtimePriority: asks for `SCHED_FIFO` at this priority for the thread
    ///   (``realtimePriorityGranted`` tells whether it was granted).
    /// - Precondition: the loop has a sink.
    public func start(realtimePriority: Int32? = nil) {
        precondition(sink != nil, "render loop: start() needs a sink; a pulling device calls render(into:)")
        worker.start(realtimePriority: realtimePriority) { [self] worker in
            AudioThreadAllocations.markCurrentThread()
            while !worker.isStopRequested { renderPeriod() }
        }
    }

    /// When the latest period's render began, in nanoseconds of the loop's clock (0 before the first).
    ///
    /// Control threads place a gate at its offset from this time, so that every gate is heard
    /// a constant latency after it arrived (the module's gate inputs do).
    public var lastPeriodStartNanoseconds: UInt64 { lastPeriodStart.load(ordering: .relaxed) }

    /// Whether the thread got the `SCHED_FIFO` priority asked for; `nil` until it has tried.
    public var realtimePriorityGranted: Bool? { worker.realtimePriorityGranted }

    /// Stops the thread of ``start(realtimePriority:)`` after its current period and waits for it. Idempotent.
    public func stop() { worker.stop() }

    /// Stops the loop and finishes the sink (a file sink renames its file into place).
    ///
    /// - Throws: what the sink's `finish` throws (the first write failure, or a failure to close).
    public func finish() throws(NeuroError) {
        stop()
        try sink?.finish()
    }

    /// Renders one period of mono audio into a device's own buffer, timed and counted like the
    /// periods of ``run(periods:script:generation:)``: the entry point of pulling devices (a
    /// JACK process callback). Any length works; the deadline is that length's duration.
    ///
    /// - Important: Real-time context: allocates nothing, takes no lock.
    public func render(into output: inout MutableSpan<Float>) {
        let started = clock.nowNanoseconds()
        lastPeriodStart.store(started, ordering: .relaxed)
        engine.render(into: &output)
        let elapsed = clock.nowNanoseconds() &- started
        if elapsed > UInt64(output.count) &* 1_000_000_000 / UInt64(format.sampleRate) {
            deadlineMisses.add(1, ordering: .relaxed)
        }
        if elapsed > longestRender.load(ordering: .relaxed) { longestRender.store(elapsed, ordering: .relaxed) }
        periods.add(1, ordering: .relaxed)
    }

    /// One pushed period: render, spread to the channels, write, count.
    private func renderPeriod() {
        mono.withUnsafeMutableBufferPointer { buffer in
            var span = unsafe buffer.mutableSpan
            render(into: &span)
        }
        guard let sink else { return }
        let channelCount = format.channelCount
        let delivered: Bool
        if channelCount == 1 {
            delivered = sink.write(mono.span)
        } else {
            for frame in 0..<periodFrames {
                for channel in 0..<channelCount {
                    interleaved[frame * channelCount + channel] = mono[frame]
                }
            }
            delivered = sink.write(interleaved.span)
        }
        if !delivered { sinkFailures.add(1, ordering: .relaxed) }
    }

    /// `scheduled`'s event, a gate placed at its offset inside the period starting at `periodStart`.
    private static func placed(_ scheduled: ScheduledEvent, periodStart: Int) -> ControlEvent {
        guard case .gatePlay(let velocity, _, let semitones) = scheduled.event else { return scheduled.event }
        return .gatePlay(velocity: velocity, offset: max(scheduled.sampleTime - periodStart, 0), semitones: semitones)
    }
}
