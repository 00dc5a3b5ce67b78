import Foundation

/// A fixed set of worker threads that run the parallel parts of the NSF kernels.
///
/// The threads are created once in ``init(threadCount:)`` and live as long as the pool; a call to
/// ``parallelFor(_:_:)`` only wakes them, so no thread is created per layer. The calling thread
/// does its share of the work too: a pool of `n` threads starts `n − 1` workers.
///
/// - Important: Use from one thread at a time (the generation thread), never the audio thread.
public final class KernelThreadPool: @unchecked Sendable {
    /// The number of threads that share the work, the caller included.
    public let threadCount: Int
    private let workers: [KernelWorker]

    /// Starts `threadCount − 1` worker threads.
    ///
    /// - Throws: ``NeuroError`` of kind `.usage` unless `1 <= threadCount <= 64`.
    public init(threadCount: Int) throws(NeuroError) {
        guard (1...64).contains(threadCount) else {
            throw NeuroError(.usage, "threads: expected 1…64, got \(threadCount)")
        }
        self.threadCount = threadCount
        workers = (1..<threadCount).map { KernelWorker(index: $0) }
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
            for task in stride(from: 0, to: taskCount, by: threadCount) { body(task) }
            for worker in workers.prefix(active) { worker.waitUntilDone() }
        }
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

/// A worker thread: sleeps on a semaphore until it gets a job, runs its tasks, signals completion.
private final class KernelWorker: @unchecked Sendable {
    private let index: Int
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    // Written by the owner before `wake.signal()` and read by the worker after `wake.wait()`;
    // the semaphore orders the accesses.
    private var job: KernelJob?
    private var isStopping = false

    init(index: Int) {
        self.index = index
        let thread = Thread { [self] in loop() }
        thread.name = "nsf-kernel-\(index)"
        thread.start()
    }

    func start(_ job: KernelJob) {
        self.job = job
        wake.signal()
    }

    func waitUntilDone() {
        done.wait()
        job = nil
    }

    func stop() {
        isStopping = true
        wake.signal()
    }

    private func loop() {
        while true {
            wake.wait()
            if isStopping { return }
            job?.run(startingAt: index)
            done.signal()
        }
    }
}
