internal import CNSFKernels

/// Measures the multiply-add peak of the cores the kernels run on.
///
/// Independent vector multiply-add chains keep both FMA units busy; the achieved rate is the
/// reference that kernel throughput is reported against. Measure it in the same run as the
/// kernels: a loaded or throttled machine reads lower for both.
public enum FMAPeakProbe {
    /// Floating-point operations per probe iteration (a multiply-add counts as 2).
    public static let flopsPerIteration = 2 * 8 * Int(CNSF_PEAK_PROBE_CHAINS)

    /// The peak in GFLOP/s: the best of `repetitions` timed runs of `iterations` steps on each
    /// thread of `pool` (all threads at once, rates summed over threads).
    public static func measure(
        instructionSet: KernelInstructionSet = .best, pool: KernelThreadPool? = nil,
        iterations: Int = 10_000_000, repetitions: Int = 5
    ) -> Double {
        let threads = pool?.threadCount ?? 1
        var best = 0.0
        for _ in 0..<max(repetitions, 1) {
            let clock = ContinuousClock()
            let start = clock.now
            if let pool {
                pool.parallelFor(threads) { _ in probe(instructionSet: instructionSet, iterations: iterations) }
            } else {
                probe(instructionSet: instructionSet, iterations: iterations)
            }
            let seconds = (clock.now - start).seconds
            best = max(best, Double(flopsPerIteration * iterations * threads) / seconds / 1e9)
        }
        return best
    }

    @inline(never)
    private static func probe(instructionSet: KernelInstructionSet, iterations: Int) {
        let checksum = cnsf_fma_peak_probe(instructionSet.cValue, iterations)
        precondition(checksum.isFinite, "FMAPeakProbe: the probe diverged")
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
