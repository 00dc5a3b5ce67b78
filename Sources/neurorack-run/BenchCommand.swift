import ArgumentParser
import Foundation
import NeuroNSF
import NeuroCore
import NeuroProfiles

/// `neurorack-run bench`: speed of the NSF engine on this machine.
///
/// Reports the core's multiply-add peak (measured in the same run), the throughput of the conv
/// kernels in GFLOP/s and as a share of that peak, and the real-time factor of a whole NSF model
/// (compute time / audio duration; below 1 is faster than real time) for three chunk plans:
/// `whole` (one call for the whole impact), `streaming` (``ChunkPlan/streaming(for:)``, what the
/// engine plays: hop 15 plus the model's look-ahead) and `original` (``ChunkPlan/neurorack``,
/// the original module's 16 frames, hop 15).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of the NSF engine: FMA peak, conv kernel GFLOP/s, real-time factors.",
        discussion: """
            The model part times the NSF model of --model (default: \(ModelRegistry.defaultName); \
            bench measures NSF models only) for one whole-impact call, the engine's streaming \
            plan (hop 15 plus the model's look-ahead: 21/15 for the NSF models) and the original \
            module's plan (16/15). The concurrency part renders impacts on 1, 2 and all cores at \
            once, one model copy per thread (what --generation-threads does in play and module).
            """)

    /// The parts of the benchmark.
    enum Part: String, ExpressibleByArgument, CaseIterable {
        /// Conv layers of one harmonic block with random weights, against the FMA peak.
        case kernels
        /// A whole NSF model (`--model`, default the bundled neural model).
        case model
        /// Regenerate → first new chunk in a running engine, small first chunk against a full one.
        case regenerate
        /// Impacts generated at once on 1, 2 and all cores (one model copy per thread).
        case concurrency
    }

    /// `--model` and `--config`: the NSF model of the model part.
    @OptionGroup var model: ModelOptions

    @Option(help: "Control features: a safetensors file with a 'features' tensor [1, T, 7] (default: a synthetic impact).")
    var features: String?

    @Option(parsing: .unconditional, help: "Frames of the timed impact, 512 samples each (default: all frames of --features, else 301).")
    var frames: Int?

    @Option(help: "Thread counts to measure (repeat the option for several).")
    var threads: [Int] = [1, 2]

    @Option(parsing: .unconditional, help: "Timed repetitions per measurement; the report gives the fastest.")
    var repetitions: Int = 3

    @Option(help: "Parts to run: \(Part.allCases.map(\.rawValue).joined(separator: ", ")) (repeat the option for several).")
    var parts: [Part] = Part.allCases

    @Option(help: "Kernel variant: \(KernelInstructionSet.allCases.map(\.rawValue).joined(separator: ", ")) (default: the fastest this CPU supports).")
    var instructionSet: KernelInstructionSet?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        if let frames, !(1...4096).contains(frames) {
            throw ValidationError("--frames must be 1…4096, got \(frames)")
        }
        guard threads.allSatisfy({ (1...64).contains($0) }) else { throw ValidationError("--threads must be 1…64") }
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be 1…100") }
        if let instructionSet, !instructionSet.isSupported {
            throw ValidationError("--instruction-set \(instructionSet.rawValue) is not supported by this CPU")
        }
    }

    func run() throws {
        let report = try measure()
        print(json ? report.json : report.table)
    }

    /// Runs the selected parts: the model part first, so that a model bench refuses fails
    /// before anything is timed.
    func measure() throws -> BenchReport {
        let instructionSet = self.instructionSet ?? .best
        let featureFrames = try features.map { path throws(NeuroError) in
            try BenchModel.frames(from: URL(fileURLWithPath: path), count: frames)
        }
        let frameCount = featureFrames?.count ?? frames ?? 301
        var report = BenchReport(frames: frameCount, instructionSet: instructionSet)
        if parts.contains(.model) {
            try measureModel(into: &report, frames: featureFrames ?? BenchModel.syntheticImpact(frameCount: frameCount))
        }
        if parts.contains(.regenerate) {
            try measureRegenerate(into: &report)
        }
        if parts.contains(.concurrency) {
            try measureConcurrency(into: &report, frames: featureFrames ?? BenchModel.syntheticImpact(frameCount: frameCount))
        }
        if parts.contains(.kernels) {
            try measureKernels(into: &report, frameCount: frameCount, instructionSet: instructionSet)
        }
        return report
    }

    private func measureRegenerate(into report: inout BenchReport) throws {
        let nsf = try model.loadNSF(threadCount: 1, purpose: "bench measures NSF models")
        let bench = BenchRegenerate(model: nsf, profile: try ProfileFile.profile(nameOrFile: ImpactProfile.defaultName))
        // Busy: an impact of several chunks, so that a regenerate comes while most of it is still to be generated.
        let busyBench = BenchRegenerate(model: nsf, profile: try ProfileFile.profile(nameOrFile: BenchRegenerate.busyProfileName))
        let streaming = ChunkPlan.streaming(for: nsf)
        let fullFirstChunk = try ChunkPlan(
            framesPerChunk: streaming.framesPerChunk, hop: streaming.hop, synthesizesOverlap: streaming.synthesizesOverlap)
        for plan in [streaming, fullFirstChunk] {
            let seconds = try bench.measure(plan: plan, repetitions: 10 * repetitions)
            report.regenerateRuns.append(BenchReport.RegenerateRun(
                plan: plan, seconds: seconds, sampleRate: nsf.sampleRate, profile: bench.profile.name))
        }
        for threads in [1, 2] {
            for setAside in [0, Engine.Configuration().setAsideImpactsPerThread] {
                let seconds = try busyBench.measure(
                    plan: streaming, repetitions: 10 * repetitions, generationThreads: threads, setAside: setAside, whileBusy: true)
                report.regenerateRuns.append(BenchReport.RegenerateRun(
                    plan: streaming, seconds: seconds, sampleRate: nsf.sampleRate, profile: busyBench.profile.name,
                    generationThreads: threads, setAside: setAside, whileBusy: true))
            }
        }
    }

    private func measureConcurrency(into report: inout BenchReport, frames: [ControlFrame]) throws {
        let bench = BenchConcurrency(model: try model.loadNSF(threadCount: 1, purpose: "bench measures NSF models"), frames: frames)
        _ = try bench.measure(threads: 1, impactsPerThread: 1)
        for threads in BenchConcurrency.threadCounts {
            report.concurrencyRuns.append(try bench.measure(threads: threads, impactsPerThread: 2 * repetitions))
        }
    }

    private func measureKernels(
        into report: inout BenchReport, frameCount: Int, instructionSet: KernelInstructionSet
    ) throws {
        let layers = try BenchConvLayers(rowCount: frameCount * 512)
        for threadCount in threads {
            let pool = try KernelThreadPool(threadCount: threadCount)
            // Peak probe and kernel passes alternate, and each keeps its best run, so that a
            // moment of load from other processes lowers neither figure alone. CPU time (all
            // threads of the process) gives a second, load-independent view: work per CPU second.
            _ = layers.runPass(pool: pool, instructionSet: instructionSet)
            var peak = BenchRate()
            var conv = BenchRate()
            for _ in 0..<repetitions {
                peak.record(flops: probeFlops(threads: threadCount), timing: probePeak(pool: pool, instructionSet))
                conv.record(flops: layers.flopsPerPass, timing: layers.runPass(pool: pool, instructionSet: instructionSet))
            }
            peak.record(flops: probeFlops(threads: threadCount), timing: probePeak(pool: pool, instructionSet))
            report.kernelRuns.append(BenchReport.KernelRun(threads: threadCount, peak: peak, conv: conv))
        }
    }

    private static let probeIterations = 10_000_000

    private func probeFlops(threads: Int) -> Double {
        Double(FMAPeakProbe.flopsPerIteration * Self.probeIterations * threads)
    }

    private func probePeak(pool: KernelThreadPool, _ instructionSet: KernelInstructionSet) -> BenchTiming {
        let stopwatch = BenchStopwatch(cpuScope: .process)
        _ = FMAPeakProbe.measure(instructionSet: instructionSet, pool: pool, iterations: Self.probeIterations)
        return stopwatch.elapsed
    }

    private func measureModel(into report: inout BenchReport, frames: [ControlFrame]) throws {
        var cases: [ModelCase] = []
        for threadCount in threads {
            let bench = BenchModel(
                model: try model.loadNSF(threadCount: threadCount, purpose: "bench measures NSF models"), frames: frames)
            report.modelName = bench.model.name
            let pool = try KernelThreadPool(threadCount: threadCount)
            // Several threads: the way the model picked, then the other, for comparison; a model
            // that runs as one thread is timed with both ways forced, to show what it is spared.
            let forced: [NSFThreadSharing] = threadCount > 1
                ? [.framePipeline, .layerRows].filter { $0 != bench.model.threadSharing } : []
            if bench.model.threadCount != threadCount {
                report.notes.append(
                    "\(bench.model.name): \(threadCount) threads run as \(bench.model.threadCount): its layers are too small to split "
                        + "(NSFModel.minimumMultiplyAddsToSplit), so the \(threadCount)-thread rows force each way of sharing; "
                        + "--parts concurrency uses the cores across impacts")
            }
            let benches = (bench.model.threadCount == threadCount ? [bench] : []) + (try forced.map { sharing throws(NeuroError) in
                BenchModel(model: try bench.model.makeIndependentCopy(threadCount: threadCount, sharing: sharing), frames: frames)
            })
            for bench in benches {
                let plans = [
                    ("whole", try bench.wholePlan), ("streaming", ChunkPlan.streaming(for: bench.model)),
                    ("original", ChunkPlan.neurorack),
                ]
                cases += plans.map { ModelCase(mode: $0.0, plan: $0.1, bench: bench, pool: pool) }
            }
        }
        // Each round times every mode at every thread count once, so a spell of load from other
        // processes slows them alike rather than one of them; each keeps its fastest run, and the
        // peak probe runs before every render.
        for modelCase in cases { _ = try modelCase.bench.render(plan: modelCase.plan) }
        for _ in 0..<repetitions {
            for index in cases.indices {
                let pool = cases[index].pool
                cases[index].peak.record(flops: probeFlops(threads: pool.threadCount), timing: probePeak(pool: pool, .best))
                cases[index].timings.append(try cases[index].bench.render(plan: cases[index].plan))
            }
        }
        report.modelRuns += cases.map(\.run)
    }
}

/// One timed configuration of the model part, a chunk plan at a thread count, and its timings.
private struct ModelCase {
    let mode: String
    let plan: ChunkPlan
    let bench: BenchModel
    /// The pool the peak probe runs on, as many threads as the model's.
    let pool: KernelThreadPool
    var peak = BenchRate()
    var timings: [BenchTiming] = []

    /// The report row: the fastest run's elapsed and CPU seconds, the best probed peak.
    var run: BenchReport.ModelRun {
        BenchReport.ModelRun(
            mode: mode, plan: plan, threads: pool.threadCount, sharing: bench.model.threadSharing, seconds: timings.map(\.seconds).min() ?? 0,
            cpuSeconds: timings.map(\.cpuSeconds).min() ?? 0, audioSeconds: bench.audioSeconds,
            convolutionFlops: bench.convolutionFlops(plan: plan), peakGFLOPS: peak.bestGFLOPS)
    }
}

extension KernelInstructionSet: ExpressibleByArgument {}
