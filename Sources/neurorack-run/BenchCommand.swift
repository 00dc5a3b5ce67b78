import ArgumentParser
import NeuroNSF

/// `neurorack-run bench`: speed of the NSF engine on this machine.
///
/// Reports the core's multiply-add peak (measured in the same run), the throughput of the conv
/// kernels in GFLOP/s and as a share of that peak, and, for 1 and 2 threads, the real-time
/// factor (compute time / audio duration; below 1 is faster than real time).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of the NSF engine: FMA peak, conv kernel GFLOP/s, real-time factors.")

    @Option(help: "NSF weights (.safetensors) with its architecture JSON next to it; default: the built-in model.")
    var model: String?

    @Option(help: "Frames of the timed impact (512 samples each).")
    var frames: Int = 301

    @Option(help: "Thread counts to measure (repeat the option for several).")
    var threads: [Int] = [1, 2]

    @Option(help: "Timed repetitions per measurement; the report gives the fastest.")
    var repetitions: Int = 3

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard (1...4096).contains(frames) else { throw ValidationError("--frames must be 1…4096, got \(frames)") }
        guard threads.allSatisfy({ (1...64).contains($0) }) else { throw ValidationError("--threads must be 1…64") }
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be 1…100") }
    }

    func run() throws {
        let samplesPerFrame = 512
        let instructionSet = KernelInstructionSet.best
        let layers = try BenchConvLayers(rowCount: frames * samplesPerFrame)
        var report = BenchReport(frames: frames, instructionSet: instructionSet)
        for threadCount in threads {
            let pool = try KernelThreadPool(threadCount: threadCount)
            // Peak probe and kernel passes alternate, and each keeps its best run, so that a
            // moment of load from other processes lowers neither figure alone.
            _ = layers.runPass(pool: pool, instructionSet: instructionSet)
            var peak = 0.0
            var seconds = Double.infinity
            for _ in 0..<repetitions {
                peak = max(peak, FMAPeakProbe.measure(instructionSet: instructionSet, pool: pool))
                seconds = min(seconds, layers.runPass(pool: pool, instructionSet: instructionSet))
            }
            peak = max(peak, FMAPeakProbe.measure(instructionSet: instructionSet, pool: pool))
            report.kernelRuns.append(
                BenchReport.KernelRun(
                    threads: threadCount, peakGFLOPS: peak, convGFLOPS: layers.flopsPerPass / seconds / 1e9))
        }
        print(json ? report.json : report.table)
    }
}
