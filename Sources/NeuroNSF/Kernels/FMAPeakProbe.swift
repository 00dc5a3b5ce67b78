import NeuroCore
internal import CNSFKernels

/// Measures the multiply-add peak of the cores the kernels run on.
///
/// Independent vector multiply-add chains keep both FMA units busy; the achieved rate is the
/// reference that kernel throughput is reported against. Measure it in the same run as the
/// kernels: a loaded or throttled machine reads lower for both.
public enum FMAPeakProbe {
    /// Floating-point operations per probe iteration (a multiply-add counts as 2).
    public static let flopsPerIteration = 2 * 8 * Int(CNSF_PEAK_PROBE_CHAINS)

    /// One timed run of the probe: `iterations` steps on each thread of `pool` at once (the
    /// calling thread alone when `pool` is `nil`), in GFLOP/s summed over the threads.
    ///
    /// A single run reads low when another process takes the core; take the best of several
    /// runs interleaved with the kernel measurements.
    public static func measure(
        instructionSet: KernelInstructionSet = .best, pool: KernelThreadPool? = nil, iterations: Int = 10_000_000
    ) -> Double {
        let threads = pool?.threadCount ?? 1
        let clock = MonotonicClock()
        if let pool {
            pool.parallelFor(threads) { _ in probe(instructionSet: instructionSet, iterations: iterations) }
        } else {
            probe(instructionSet: instructionSet, iterations: iterations)
        }
        let nanoseconds = Double(max(clock.nowNanoseconds(), 1))
        return Double(flopsPerIteration * iterations * threads) / nanoseconds
    }

    @inline(never)
    private static func probe(instructionSet: KernelInstructionSet, iterations: Int) {
        let checksum = cnsf_fma_peak_probe(instructionSet.cValue, iterations)
        precondition(checksum.isFinite, "FMAPeakProbe: the probe diverged")
    }
}
