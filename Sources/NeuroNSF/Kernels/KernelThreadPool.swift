import Foundation
import Synchronization
import NeuroCore

/// A fixed set of worker threads that run the parallel parts of the NSF kernels.
///
/// The threads are created once in ``init(threadCount:)`` and live as long as the pool; a call to
/// ``parallelFor(_:_:)`` or ``pipeline(stageCount:itemCount:inFlight:_:)`` only hands them work,
/// so no thread is created per layer or per frame. The calling
/// thread does its share too: a pool of `n` threads starts `n − 1` workers. Between jobs a worker
/// spins for a short while (about 50 µs) before it sleeps on a semaphore, so back-to-back layers
/// do not pay a kernel wake-up each.
///
/// - Important: Use from one thread at a time (the generation thread), never the audio thread.
public final class KernelThreadPool: @unchecked Sendable {
    /// The number of threads that share the work, the caller included.
    public let threadCount: Int
    private let workers: [KernelWorker]
    /// Items finished by each stage of the running ``pipeline(stageCount:itemCount:inFlight:_:)``.
    private let stageProgress: [PipelineCounter]

    /// Starts `threadCount − 1` worker threads.
    ///
    /// - Throws: `NeuroError` of kind `.usage` unless `1 <= threadCount <= 64`.
    public init(threadCount: Int) throws(NeuroError) {
        guard (1...64).contains(threadCount) else {
            throw NeuroError(.usage, "threads: expected 1…64, got \(threadCount)")
        }
        self.threadCount = threadCount
        workers = (1..<threadCount).map { KernelWorker(index: $0) }
        stageProgress = (0..<threadCount).map { _ in PipelineCounter() }
    }

    deinit {
        for worker in workers { worker.stop() }
    }

    /// Runs `body(task)` for every `task` in `0..<taskCount`, spread over the pool's threads,
    /// and returns when all tasks are done.
    ///
    /// Task `i` runs on thread `i % threadCount` (thread 0 is the caller).
    /// - Important: `body` runs concurrently on several threads: the tasks must touch disjoint
    ///   memory (or only read shared memory).
    public func parallelFor(_ taskCount: Int, _ body: (Int) -> Void) {
        let active = min(taskCount, threadCount) - 1
        guard active > 0 else {
            for task in 0..<max(taskCount, 0) { body(task) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let job = KernelJob(taskCount: taskCount, stride: threadCount, body: escapable)
            for worker in workers.prefix(active) { worker.start(job) }
            job.run(startingAt: 0)
            for worker in workers.prefix(active) { worker.waitUntilDone() }
        }
    }

    /// Runs `body(stage, item)` for every stage in `0..<stageCount` and item in `0..<itemCount` as
    /// a pipeline, and returns when all are done.
    ///
    /// Stage `s` runs on thread `s` (stage 0 on the caller) and takes the items in order; it
    /// starts item `i` once stage `s − 1` has finished it, so an item passes through the stages in
    /// order while the stages work on different items at once. Stage 0 starts item `i` only when
    /// the last stage has finished item `i − inFlight`: at most `inFlight` items are in the
    /// pipeline, so `inFlight` sets of per-item buffers (indexed `item % inFlight`) suffice.
    /// Waiting stages spin, then yield their core.
    ///
    /// - Important: `body` runs concurrently on several threads: a stage may touch only its own
    ///   state and the buffers of the item it holds.
    /// - Precondition: `1 <= stageCount <= threadCount`, `inFlight >= 1`, `itemCount >= 0`.
    func pipeline(stageCount: Int, itemCount: Int, inFlight: Int, _ body: (_ stage: Int, _ item: Int) -> Void) {
        precondition((1...threadCount).contains(stageCount) && inFlight >= 1 && itemCount >= 0,
                     "pipeline: \(stageCount) stages on \(threadCount) threads, \(inFlight) in flight")
        for counter in stageProgress.prefix(stageCount) {
            counter.finished.store(0, ordering: .relaxed)
        }
        let last = stageProgress[stageCount - 1]
        parallelFor(stageCount) { stage in
            let previous = stage > 0 ? stageProgress[stage - 1] : nil
            for item in 0..<itemCount {
                if let previous {
                    spin { previous.finished.load(ordering: .acquiring) > item }
                } else if stageCount > 1 {
                    spin { last.finished.load(ordering: .acquiring) > item - inFlight }
                }
                body(stage, item)
                stageProgress[stage].finished.store(item + 1, ordering: .releasing)
            }
        }
    }
}

/// The number of items one pipeline stage has finished.
private final class PipelineCounter: Sendable {
    let finished = Atomic<Int>(0)
}

/// Spins until `isDone()`, yielding the core after ``KernelWorker/spinLimit`` tries.
private func spin(until isDone: () -> Bool) {
    var spins = 0
    while !isDone() {
        spins += 1
        if spins > KernelWorker.spinLimit { sched_yield() }
    }
}

/// One unit of parallel work: the tasks of a ``KernelThreadPool/parallelFor(_:_:)`` call.
private struct KernelJob: @unchecked Sendable {
    let taskCount: Int
    let stride: Int
    let body: (Int) -> Void

    func run(startingAt first: Int) {
        for task in Swift.stride(from: first, to: taskCount, by: stride) { body(task) }
    }
}

/// A worker thread. The owner publishes a job by bumping ``posted``; the worker runs it and
/// publishes completion by setting ``completed`` to the same number.
///
/// Waking: the worker spins on ``posted`` for a while, then announces that it sleeps
/// (``isSleeping``) and checks ``posted`` once more before waiting on ``wake``. The owner bumps
/// ``posted`` first and signals only if it takes the sleeping flag, so no job is missed and
/// every signal is consumed exactly once.
private final class KernelWorker: @unchecked Sendable {
    /// Tries before a waiting thread stops spinning (about 50 µs).
    static let spinLimit = 20_000
    private let index: Int
    private let posted = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let isSleeping = Atomic<Bool>(false)
    private let isStopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    // Written by the owner before the releasing bump of `posted`, read by the worker after its
    // acquiring load of `posted`.
    private var job: KernelJob?

    init(index: Int) {
        self.index = index
        let thread = Thread { [self] in loop() }
        thread.name = "nsf-kernel-\(index)"
        thread.start()
    }

    func start(_ job: KernelJob) {
        self.job = job
        posted.add(1, ordering: .sequentiallyConsistent)
        if isSleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
    }

    func waitUntilDone() {
        let target = posted.load(ordering: .relaxed)
        spin { completed.load(ordering: .acquiring) == target }
        job = nil
    }

    func stop() {
        isStopping.store(true, ordering: .sequentiallyConsistent)
        posted.add(1, ordering: .sequentiallyConsistent)
        if isSleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
    }

    private func loop() {
        var seen = 0
        while true {
            seen = waitForPost(after: seen)
            if isStopping.load(ordering: .acquiring) { return }
            job?.run(startingAt: index)
            completed.store(seen, ordering: .releasing)
        }
    }

    /// Returns the new value of ``posted`` once it differs from `seen`.
    private func waitForPost(after seen: Int) -> Int {
        for _ in 0..<Self.spinLimit {
            let current = posted.load(ordering: .acquiring)
            if current != seen { return current }
        }
        while true {
            isSleeping.store(true, ordering: .sequentiallyConsistent)
            let current = posted.load(ordering: .sequentiallyConsistent)
            if current != seen {
                // If the owner took the flag meanwhile it has signalled (or will): consume that signal.
                if !isSleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.wait() }
                return current
            }
            wake.wait()
        }
    }
}
