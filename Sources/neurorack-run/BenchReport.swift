import Foundation
import NeuroFiles
import NeuroNSF
import NeuroCore

/// The measurements of one `bench` run and their text and JSON forms.
struct BenchReport: Codable {
    /// Kernel-level throughput at one thread count.
    struct KernelRun: Codable {
        var threads: Int
        /// The multiply-add peak of all `threads` cores together, measured in the same run.
        var peakGFLOPS: Double
        /// The conv layers' throughput.
        var convGFLOPS: Double
        /// `convGFLOPS` as a percentage of `peakGFLOPS`.
        var percentOfPeak: Double
        /// The peak per CPU second (one core's peak, whatever the load).
        var peakGFLOPSPerCPUSecond: Double
        /// The conv layers' work per CPU second of the process (workers' spinning included).
        var convGFLOPSPerCPUSecond: Double
        /// `convGFLOPSPerCPUSecond` as a percentage of `peakGFLOPSPerCPUSecond`.
        var percentOfPeakPerCPUSecond: Double

        init(threads: Int, peak: BenchRate, conv: BenchRate) {
            self.threads = threads
            peakGFLOPS = peak.bestGFLOPS
            convGFLOPS = conv.bestGFLOPS
            percentOfPeak = 100 * convGFLOPS / peakGFLOPS
            peakGFLOPSPerCPUSecond = peak.bestGFLOPSPerCPUSecond
            convGFLOPSPerCPUSecond = conv.bestGFLOPSPerCPUSecond
            percentOfPeakPerCPUSecond = 100 * convGFLOPSPerCPUSecond / peakGFLOPSPerCPUSecond
        }
    }

    /// Model-level timing of one impact.
    struct ModelRun: Codable {
        /// `whole` (one call for the impact), `streaming` (``ChunkPlan/streaming(for:)``, the
        /// engine's plan: hop 15 plus the model's look-ahead) or `original` (``ChunkPlan/neurorack``, 16/15).
        var mode: String
        /// Frames per model call of the mode's plan.
        var framesPerChunk: Int
        /// Frames the plan advances per call.
        var hop: Int
        var threads: Int
        /// How the threads shared the work (`rows` or `pipeline`, ``NSFThreadSharing``); `nil` on one thread.
        var sharing: NSFThreadSharing?
        /// The fastest run's elapsed time.
        var seconds: Double
        /// The fastest run's CPU time, all threads of the process (lower than `seconds` when
        /// other processes share the cores, higher when several threads work).
        var cpuSeconds: Double
        var audioSeconds: Double
        /// Compute time over audio duration (below 1 is faster than real time).
        var realTimeFactor: Double
        /// The model's convolution work divided by the whole render's elapsed time: a lower
        /// bound of the conv kernels' rate inside the model.
        var convGFLOPS: Double
        /// The multiply-add peak of `threads` cores, probed between the renders.
        var peakGFLOPS: Double
        /// `convGFLOPS` as a percentage of `peakGFLOPS`.
        var percentOfPeak: Double
        /// The real-time factor estimated for one Cortex-A57 core (``CortexA57Estimate``); 1-thread runs only.
        var estimatedCortexA57RealTimeFactor: Double?

        init(
            mode: String, plan: ChunkPlan, threads: Int, sharing: NSFThreadSharing?, seconds: Double, cpuSeconds: Double,
            audioSeconds: Double, convolutionFlops: Double, peakGFLOPS: Double
        ) {
            self.mode = mode
            self.sharing = sharing
            framesPerChunk = plan.framesPerChunk
            hop = plan.hop
            self.threads = threads
            self.seconds = seconds
            self.cpuSeconds = cpuSeconds
            self.audioSeconds = audioSeconds
            realTimeFactor = seconds / audioSeconds
            convGFLOPS = convolutionFlops / seconds / 1e9
            self.peakGFLOPS = peakGFLOPS
            percentOfPeak = 100 * convGFLOPS / peakGFLOPS
            estimatedCortexA57RealTimeFactor = threads == 1
                ? CortexA57Estimate.realTimeFactor(measured: realTimeFactor, peakGFLOPS: peakGFLOPS) : nil
        }
    }

    /// Regenerate → first new chunk in a running engine with one plan.
    struct RegenerateRun: Codable {
        /// Frames per model call, hop and first hop of the plan.
        var framesPerChunk: Int
        var hop: Int
        var firstHop: Int
        /// The profile the impacts followed.
        var profile: String
        /// The engine's generation threads.
        var generationThreads: Int
        /// Impacts each generation thread may set aside for a regenerate.
        var setAside: Int
        /// Whether each regenerate came while the previous impact was still being generated.
        var whileBusy: Bool
        var regenerates: Int
        var medianSeconds: Double
        var maxSeconds: Double
        /// `medianSeconds` in audio periods of 256 frames at the model's rate.
        var medianPeriods: Double

        init(
            plan: ChunkPlan, seconds: [Double], sampleRate: Int, profile: String = ImpactProfile.defaultName,
            generationThreads: Int = 1, setAside: Int = Engine.Configuration().setAsideImpactsPerThread, whileBusy: Bool = false
        ) {
            self.profile = profile
            self.generationThreads = generationThreads
            self.setAside = setAside
            self.whileBusy = whileBusy
            framesPerChunk = plan.framesPerChunk
            hop = plan.hop
            firstHop = plan.firstHop
            regenerates = seconds.count
            let sorted = seconds.sorted()
            medianSeconds = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
            maxSeconds = sorted.last ?? 0
            medianPeriods = medianSeconds * Double(sampleRate) / 256
        }
    }

    /// Several impacts generated at once, one model copy per thread.
    struct ConcurrencyRun: Codable {
        var threads: Int
        var impacts: Int
        var seconds: Double
        var audioSeconds: Double
        /// Audio seconds generated per second: impacts that could be generated at once in real time.
        var realTimeStreams: Double

        init(threads: Int, impacts: Int, seconds: Double, audioSeconds: Double) {
            self.threads = threads
            self.impacts = impacts
            self.seconds = seconds
            self.audioSeconds = audioSeconds
            realTimeStreams = seconds > 0 ? audioSeconds / seconds : 0
        }
    }

    var frames: Int
    var instructionSet: String
    /// The model of the model-level runs, if any.
    var modelName: String?
    var kernelRuns: [KernelRun] = []
    var modelRuns: [ModelRun] = []
    var regenerateRuns: [RegenerateRun] = []
    var concurrencyRuns: [ConcurrencyRun] = []
    /// Remarks on what was not measured as asked.
    var notes: [String] = []

    init(frames: Int, instructionSet: KernelInstructionSet) {
        self.frames = frames
        self.instructionSet = instructionSet.description
    }

    /// A human-readable table.
    var table: String {
        var lines = ["NSF engine benchmark: \(frames) frames, kernels: \(instructionSet)"]
        if !kernelRuns.isEmpty {
            lines.append("conv layers of one harmonic block (64 channels, dilations 1…512), best runs;")
            lines.append("peak = independent multiply-add chains of the same instruction set, measured in between;")
            lines.append("the last three columns per CPU second of the process instead of elapsed time")
            let header = ["threads", "peak GFLOP/s", "conv GFLOP/s", "% of peak", "CPU peak", "CPU conv", "CPU % of peak"]
            let rows = kernelRuns.map { run in
                ["\(run.threads)"] + [
                    run.peakGFLOPS, run.convGFLOPS, run.percentOfPeak, run.peakGFLOPSPerCPUSecond,
                    run.convGFLOPSPerCPUSecond, run.percentOfPeakPerCPUSecond,
                ].map { Self.decimal($0, digits: 1) }
            }
            lines += TextTable.lines([header] + rows, leftAligned: [])
        }
        if !modelRuns.isEmpty {
            lines.append("model \(modelName ?? "?"), \(frames) frames, fastest runs")
            lines.append("conv GFLOP/s = the model's convolution work / the whole render's elapsed time")
            lines.append("chunks = frames per model call/hop: whole = one call, streaming = the engine's plan, original = the module's")
            lines.append(
                "A57 RTF = estimated real-time factor on one Cortex-A57 core (\(Self.decimal(CortexA57Estimate.clockGHz, digits: 2)) GHz, "
                    + "\(Self.decimal(CortexA57Estimate.peakGFLOPS, digits: 1)) GFLOP/s peak) at this run's fraction of peak, 1 thread: an estimate")
            let header = [
                "mode", "chunks", "threads", "sharing", "seconds", "CPU seconds", "real-time factor", "peak GFLOP/s", "conv GFLOP/s", "% of peak",
                "A57 RTF",
            ]
            let rows = modelRuns.map { run in
                [run.mode, "\(run.framesPerChunk)/\(run.hop)", "\(run.threads)", run.sharing?.rawValue ?? "–"]
                    + [run.seconds, run.cpuSeconds, run.realTimeFactor].map { Self.decimal($0, digits: 3) }
                    + [run.peakGFLOPS, run.convGFLOPS, run.percentOfPeak].map { Self.decimal($0, digits: 1) }
                    + [run.estimatedCortexA57RealTimeFactor.map { Self.decimal($0, digits: 2) } ?? "–"]
            }
            lines += TextTable.lines([header] + rows, leftAligned: [0, 1, 3])
        }
        if !regenerateRuns.isEmpty {
            lines.append("regenerate → first new chunk final, in a running engine; engine idle before each,")
            lines.append("or busy: right after another regenerate's first chunk, while that impact's other chunks are generated")
            lines.append("(set aside = impacts a busy thread may set aside to start the new one at once; 0 waits for the impact in progress)")
            let header = ["profile", "chunks", "first hop", "threads", "set aside", "engine", "regenerates", "median ms", "max ms", "median periods of 256"]
            let rows = regenerateRuns.map { run in
                [run.profile, "\(run.framesPerChunk)/\(run.hop)", "\(run.firstHop)", "\(run.generationThreads)", "\(run.setAside)",
                 run.whileBusy ? "busy" : "idle", "\(run.regenerates)"]
                    + [1_000 * run.medianSeconds, 1_000 * run.maxSeconds, run.medianPeriods].map { Self.decimal($0, digits: 2) }
            }
            lines += TextTable.lines([header] + rows, leftAligned: [0, 1])
        }
        if !concurrencyRuns.isEmpty {
            lines.append("impacts generated at once (the engine's generation threads): one model copy per thread, streaming plan")
            let single = concurrencyRuns.first { $0.threads == 1 }?.realTimeStreams
            let header = ["threads", "impacts", "seconds", "audio seconds", "impacts at real time", "× 1 thread"]
            let rows = concurrencyRuns.map { run in
                ["\(run.threads)", "\(run.impacts)"]
                    + [run.seconds, run.audioSeconds, run.realTimeStreams].map { Self.decimal($0, digits: 2) }
                    + [single.map { Self.decimal(run.realTimeStreams / $0, digits: 2) } ?? "–"]
            }
            lines += TextTable.lines([header] + rows, leftAligned: [])
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// One JSON object with every measurement.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `value` with `digits` decimals.
    private static func decimal(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
