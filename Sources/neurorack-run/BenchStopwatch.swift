import Foundation
import NeuroCore

/// Wall-clock and CPU time of one measured piece of work.
struct BenchTiming {
    /// Elapsed seconds.
    var seconds: Double
    /// CPU seconds in the stopwatch's scope: lower than `seconds` when other processes take the
    /// cores, higher when several threads work.
    var cpuSeconds: Double
}

/// Measures elapsed and CPU time from its creation, for `bench`.
struct BenchStopwatch {
    /// Whose CPU time counts.
    enum CPUScope {
        /// The calling thread only.
        case thread
        /// Every thread of the process (kernel worker threads included, spinning too).
        case process

        var clockID: clockid_t {
            switch self {
            case .thread: CLOCK_THREAD_CPUTIME_ID
            case .process: CLOCK_PROCESS_CPUTIME_ID
            }
        }
    }

    private let clock = MonotonicClock()
    private let scope: CPUScope
    private let cpuStart: Double

    /// Starts measuring.
    init(cpuScope: CPUScope) {
        scope = cpuScope
        cpuStart = Self.cpuSeconds(scope)
    }

    /// The time since creation.
    var elapsed: BenchTiming {
        BenchTiming(seconds: Double(clock.nowNanoseconds()) * 1e-9, cpuSeconds: Self.cpuSeconds(scope) - cpuStart)
    }

    private static func cpuSeconds(_ scope: CPUScope) -> Double {
        var time = timespec()
        clock_gettime(scope.clockID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

/// The best throughput over several timed runs of the same work.
struct BenchRate {
    /// The highest GFLOP/s by elapsed time.
    private(set) var bestGFLOPS = 0.0
    /// The highest GFLOP per CPU second.
    private(set) var bestGFLOPSPerCPUSecond = 0.0

    /// Adds one run of `flops` floating-point operations.
    mutating func record(flops: Double, timing: BenchTiming) {
        bestGFLOPS = max(bestGFLOPS, flops / max(timing.seconds, 1e-9) / 1e9)
        bestGFLOPSPerCPUSecond = max(bestGFLOPSPerCPUSecond, flops / max(timing.cpuSeconds, 1e-9) / 1e9)
    }
}
