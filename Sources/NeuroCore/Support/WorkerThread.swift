import Foundation
import Synchronization

/// A named OS thread that runs one loop until asked to stop: the generation thread, a render
/// loop's audio thread, device and control-source threads.
///
/// ``start(realtimePriority:_:)`` runs `body` on a new thread; the body loops until ``isStopRequested`` becomes
/// true. ``stop()`` requests that and waits until the body has returned. The thread is named for
/// Foundation and for the OS (`top -H`, `gdb`, `/proc/<pid>/task/*/comm`; Linux keeps 15 bytes).
public final class WorkerThread: @unchecked Sendable {
    /// The thread's name.
    public let name: String
    private let stopRequested = Atomic<Bool>(false)
    private let priorityResult = Atomic<Int>(0)
    private let lifecycle = Mutex<DispatchSemaphore?>(nil)

    /// Creates a stopped worker; nothing runs before ``start(realtimePriority:_:)``.
    public init(name: String) {
        self.name = name
    }

    deinit { stop() }

    /// Starts `body` on a new thread, unless the worker is running (then nothing happens).
    ///
    /// - Parameters:
    ///   - realtimePriority: asks for `SCHED_FIFO` at this priority (1…99) before `body` runs;
    ///     ``realtimePriorityGranted`` tells whether the system allowed it (it needs
    ///     `CAP_SYS_NICE` or an rtprio limit, as audio users have).
    ///   - body: the loop; it returns once ``isStopRequested`` is true.
    /// - Important: Not real-time: creates a thread.
    public func start(realtimePriority: Int32? = nil, _ body: @escaping @Sendable (WorkerThread) -> Void) {
        lifecycle.withLock { running in
            guard running == nil else { return }
            let exited = DispatchSemaphore(value: 0)
            running = exited
            stopRequested.store(false, ordering: .releasing)
            priorityResult.store(0, ordering: .releasing)
            let thread = Thread { [self] in
                nameCurrentThread()
                if let realtimePriority { requestRealtimePriority(realtimePriority) }
                body(self)
                exited.signal()
            }
            thread.start()
        }
    }

    /// Whether ``stop()`` has asked the body to return. Real-time safe (one atomic load).
    public var isStopRequested: Bool {
        // Acquire pairs with the releasing store in `stop`.
        stopRequested.load(ordering: .acquiring)
    }

    /// Whether the body is running (started and not yet stopped).
    public var isRunning: Bool { lifecycle.withLock { $0 != nil } }

    /// Asks the body to return and waits until it has. Idempotent.
    public func stop() {
        lifecycle.withLock { running in
            guard let exited = running else { return }
            stopRequested.store(true, ordering: .releasing)
            exited.wait()
            running = nil
        }
    }

    /// Whether the `SCHED_FIFO` priority asked for in ``start(realtimePriority:_:)`` was granted;
    /// `nil` before the thread has tried (or when none was asked for).
    public var realtimePriorityGranted: Bool? {
        switch priorityResult.load(ordering: .acquiring) {
        case 1: true
        case 2: false
        default: nil
        }
    }

    /// Switches the calling thread to `SCHED_FIFO` at `priority`, recording whether it worked.
    private func requestRealtimePriority(_ priority: Int32) {
        #if os(Linux)
        var parameters = sched_param(sched_priority: min(max(priority, 1), 99))
        let granted = pthread_setschedparam(pthread_self(), Int32(SCHED_FIFO), &parameters) == 0
        #else
        let granted = false
        #endif
        priorityResult.store(granted ? 1 : 2, ordering: .releasing)
    }

    /// Names the calling thread.
    ///
    /// Foundation alone may miss the OS name when the thread starts before `Thread.start()` returns,
    /// and Glibc's `pthread_setname_np` is not visible to Swift, so on Linux the name is also
    /// written to `/proc/thread-self/comm`.
    private func nameCurrentThread() {
        Thread.current.name = name
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        _ = name.withCString { write(descriptor, $0, min(strlen($0), 15)) }
        close(descriptor)
        #endif
    }
}
