import NeuroCore
import NeuroSafeTensors
/// The hn-sinc-NSF neural source-filter model of Neurorack, and smaller variants, in Swift.
///
/// Implements `../shared/neurorack/SPEC.md` with PyTorch parity (≤ 1e-4 relative L2 on the
/// waveform when the random draws are injected, see ``trace(frames:draws:)``). Generation is
/// streaming: the impact is processed one frame (`samplesPerFrame` samples) at a time, every
/// convolution layer keeps its own history rows, the sine phases, FIR histories and random
/// streams continue across calls, and a call that advances by fewer frames than it generates
/// rewinds all of that to the state at `hop`. No buffer grows after initialisation. A config
/// with a `tail_gate` section adds a causal, attenuate-only gain stage after the network that
/// stops the output humming on where the requested loudness has died away (``NSFConfig/TailGate``);
/// one with a `dc_block` section a DC blocker before it (``NSFConfig/DCBlock``), one with an
/// `end_fade` section a fade at the end of every impact (``NSFConfig/EndFade``).
///
/// ## Chunked versus whole-impact generation
/// Everything after the condition module is causal, so chunks differ from one whole-impact call
/// only through the condition's look-ahead of ``lookAheadFrames`` frames (one frame per CNN
/// layer plus the 256 + 256 + 1024 samples the moving averages look ahead, for the reference
/// model 3 + 3 = 6 frames):
/// - A call sees the real past of the impact (the model keeps the last frames), never padding.
/// - A call that ends the impact (`hop == frames.count`, as the last chunk of an `ImpactRenderer`)
///   pads the future like PyTorch: zero frames for the CNN, edge replication for the averages.
///   A whole-impact call is therefore exactly the reference forward pass.
/// - A call followed by others (`hop < frames.count`) assumes its last frame holds.
/// So sample `t` of a chunk equals the whole-impact sample when the `lookAheadFrames` frames
/// after `t`'s frame are inside the chunk (or the true future repeats the chunk's last frame).
/// Measured on the reference model and the 301-frame `dce_synth` impact (seeded draws):
/// - plan 16/15 (the original app): frames 10…14 of each chunk see a held future, the context
///   and cut-off differ there, and the causal filter blocks carry the difference on for about ten
///   frames; relative L2 to the whole impact 0.050, max |Δ| 0.21 (peak 0.74).
/// - plan `(15 + lookAheadFrames)/15`, i.e. 21/15: every sample outside the cross-fades is
///   identical to the whole impact (bit for bit); inside them the previous chunk's tail, which saw
///   a held future, is blended in (relative L2 0.011, max |Δ| 0.075), at 1.4× the compute.
/// - the same plan without synthesizing the overlap (``generatesAdvancedFramesOnly``, what
///   ``NeuroCore/ChunkPlan/streaming(for:)`` picks): each call synthesizes only its `hop` frames
///   and reads the 6 after them as look-ahead, so the chunks equal the whole impact everywhere
///   (bit for bit, tested) and only the condition module's work is repeated.
///
/// - Important: Not thread-safe; one generation thread owns an instance (see `ImpactModel`).
public final class NSFModel: ImpactModel, @unchecked Sendable {
    /// The model's hyper-parameters.
    public let config: NSFConfig
    /// A short human name.
    public let name: String
    /// The largest number of frames one call accepts.
    public let maxFramesPerCall: Int
    /// Threads that share each frame's work: the count asked for, or 1 for a model whose
    /// layers are too small to split (see ``minimumMultiplyAddsToSplit``).
    ///
    /// With several threads the model runs its filter blocks as a pipeline of stages working on
    /// consecutive frames when they balance (the reference model on 2 threads), else splits each
    /// convolution layer's rows over the threads.
    public var threadCount: Int { pool?.threadCount ?? 1 }

    /// How the threads share the work (``NSFThreadSharing/layerRows`` or
    /// ``NSFThreadSharing/framePipeline``), or `nil` on one thread.
    public var threadSharing: NSFThreadSharing? {
        guard pool != nil else { return nil }
        return stagePlan.splitsRows ? .layerRows : .framePipeline
    }

    /// The multiply-adds of one layer over one frame below which a model runs on one thread
    /// unless told how to share (``NSFThreadSharing``): 4 Mi, between the default model (32
    /// channels × 512 rows: 1.5 Mi) and the reference model (64 × 512: 6 Mi). The engine
    /// generates several impacts at once on narrow models (`Engine.Configuration.generationThreads`,
    /// one model copy per core), which uses the cores with no hand-over at all; sharing one
    /// impact's work too would put more threads than cores on them.
    public static let minimumMultiplyAddsToSplit = 4 << 20

    /// Whether `config`'s layers are large enough to share between threads.
    static func splitsLayers(_ config: NSFConfig) -> Bool {
        3 * config.hiddenDimension * config.hiddenDimension * config.samplesPerFrame >= minimumMultiplyAddsToSplit
    }

    private let weights: NSFWeights
    private var condition: ConditionModule
    private var source: HarmonicSource
    private var noise: NoiseSource
    private let harmonicBlocks: [FilterBlock]
    private let noiseBlocks: [FilterBlock]
    private let allBlocks: [FilterBlock]
    private var sinc: SincFilter
    /// The loudness-following tail gate after the network, when the config has `tail_gate`.
    private var tailGate: LoudnessTailGate?
    /// The DC blocker after the network, before the gate, when the config has `dc_block`.
    private var dcBlocker: DCBlocker?
    /// One set of frame buffers per frame in flight (one, or the pipeline's stages + 1).
    private let slots: [NSFFrameSlot]
    /// The workers that share the frames' work, or `nil` for single-threaded generation.
    private let pool: KernelThreadPool?
    /// How the threads of `pool` share the work.
    let stagePlan: NSFStagePlan
    /// Whether the filter blocks use the vectorised feed-forward kernels (kept for copies).
    private let usesDenseKernels: Bool
    /// How the threads were asked to share the work (kept for copies).
    private let sharing: NSFThreadSharing

    /// The sinc taps of a tile (`[samplesPerFrame][order]` each), written only while tracing.
    private let tracedTaps: (lowPass: AlignedFloatBuffer, highPass: AlignedFloatBuffer)

    /// Creates a model from a validated config and its weights.
    ///
    /// - Parameters:
    ///   - config: the hyper-parameters (validated again here).
    ///   - file: the state dict (the `weights:` argument); every tensor the config implies must be
    ///     present, with the right shape and finite values.
    ///   - name: the name shown in logs.
    ///   - maxFramesPerCall: the largest call (memory grows only with frame-rate buffers).
    ///   - threadCount: threads sharing each frame's work (the caller's plus `threadCount − 1`
    ///     workers started here, see ``threadCount``) when the layers are large enough
    ///     (``minimumMultiplyAddsToSplit``; otherwise the model runs on the calling thread alone);
    ///     1 runs everything on the calling thread.
    public convenience init(
        config: NSFConfig, weights file: SafeTensorsFile, name: String = "nsf", maxFramesPerCall: Int = 4096,
        threadCount: Int = 1
    ) throws(NeuroError) {
        try self.init(
            config: config, weights: file, name: name, maxFramesPerCall: maxFramesPerCall, threadCount: threadCount,
            usesDenseKernels: true)
    }

    /// Creates a model; `usesDenseKernels: false` forces the generic feed-forward code and
    /// `sharing` the way threads share the work (for tests and benchmarks).
    convenience init(
        config: NSFConfig, weights file: SafeTensorsFile, name: String, maxFramesPerCall: Int, threadCount: Int = 1,
        usesDenseKernels: Bool, sharing: NSFThreadSharing = .automatic
    ) throws(NeuroError) {
        try config.validate()
        try self.init(
            config: config, parsedWeights: NSFWeights(file: file, config: config), name: name,
            maxFramesPerCall: maxFramesPerCall, threadCount: threadCount, usesDenseKernels: usesDenseKernels,
            sharing: sharing)
    }

    /// Creates a model from a validated config and weights already checked against it.
    private init(
        config: NSFConfig, parsedWeights weights: NSFWeights, name: String, maxFramesPerCall: Int, threadCount: Int,
        usesDenseKernels: Bool, sharing: NSFThreadSharing
    ) throws(NeuroError) {
        guard maxFramesPerCall >= 1 else {
            throw NeuroError(.invalidData, "\(name): maxFramesPerCall must be at least 1, got \(maxFramesPerCall)")
        }
        guard (1...64).contains(threadCount) else {
            throw NeuroError(.usage, "\(name): threads must be 1…64, got \(threadCount)")
        }
        let shares = threadCount > 1 && (sharing != .automatic || Self.splitsLayers(config))
        let pool = shares ? try KernelThreadPool(threadCount: threadCount) : nil
        self.pool = pool
        stagePlan = NSFStagePlan(config: config, threadCount: pool?.threadCount ?? 1, sharing: sharing)
        self.usesDenseKernels = usesDenseKernels
        self.sharing = sharing
        self.config = config
        self.name = name
        self.maxFramesPerCall = maxFramesPerCall
        self.weights = weights
        let rows = config.samplesPerFrame
        condition = ConditionModule(config: config, weights: weights, maxFrames: maxFramesPerCall)
        source = HarmonicSource(config: config, weights: weights)
        noise = NoiseSource(seed: 0)
        harmonicBlocks = try weights.harmonicBlocks.map { (block) throws(NeuroError) in
            try FilterBlock(weights: block, hidden: config.hiddenDimension, rows: rows, usesDenseKernels: usesDenseKernels)
        }
        noiseBlocks = try weights.noiseBlocks.map { (block) throws(NeuroError) in
            try FilterBlock(weights: block, hidden: config.hiddenDimension, rows: rows, usesDenseKernels: usesDenseKernels)
        }
        allBlocks = harmonicBlocks + noiseBlocks
        sinc = SincFilter(order: config.filter.sincOrder, rows: rows)
        tailGate = config.tailGate.map { LoudnessTailGate(parameters: $0, samplesPerFrame: rows) }
        dcBlocker = config.dcBlock.map { DCBlocker(parameters: $0, sampleRate: config.sampleRate) }
        let pipelined = stagePlan.stages.count > 1
        slots = (0..<(pipelined ? stagePlan.stages.count + 1 : 1)).map { [condition] _ in
            NSFFrameSlot(
                tile: condition.makeTile(), rows: rows, sineCount: config.sineCount,
                handoffCount: pipelined ? rows * config.hiddenDimension : 0)
        }
        tracedTaps = (
            AlignedFloatBuffer(count: rows * config.filter.sincOrder), AlignedFloatBuffer(count: rows * config.filter.sincOrder))
        reset(seed: 0)
    }

    /// Output sample rate in Hz.
    public var sampleRate: Int { config.sampleRate }
    /// Output samples per control frame.
    public var samplesPerFrame: Int { config.samplesPerFrame }
    /// The seven descriptors in the reference column order.
    public var descriptorLayout: [Descriptor] { Descriptor.allCases }
    /// Frames at the end of a call whose sound depends on frames after it (the condition module's
    /// look-ahead: one frame per CNN layer plus the moving averages' reach). A chunked caller
    /// that gives this many frames of look-ahead gets exactly the whole-impact result.
    public var lookAheadFrames: Int { condition.extensionFrames }
    /// `true`: a call may synthesize only the frames it advances by (an output of
    /// `hop · samplesPerFrame` samples), reading the others as look-ahead for the condition module;
    /// everything after the condition is causal, so those samples equal a whole-impact call's.
    public var generatesAdvancedFramesOnly: Bool { true }
    /// The normalisation statistics stored in the weights.
    public var statistics: DescriptorStatistics? { weights.statistics }

    /// A model with the same weights, config and thread count and its own streaming state, for
    /// another generation thread (see ``NeuroCore/ImpactModel/makeIndependentCopy()``).
    ///
    /// The parsed weights are shared; the packed kernels, histories and buffers are new.
    ///
    /// - Throws: what creating the copy's thread pool throws.
    public func makeIndependentCopy() throws(NeuroError) -> (any ImpactModel)? {
        try makeIndependentCopy(sharing: sharing)
    }

    /// A copy as ``makeIndependentCopy()`` on `threadCount` threads (default: this model's) that
    /// share the work as `sharing` says (to compare the ways, as `neurorack-run bench` does).
    ///
    /// - Throws: `.usage` unless `1 <= threadCount <= 64`; what creating the copy's thread pool throws.
    public func makeIndependentCopy(threadCount: Int? = nil, sharing: NSFThreadSharing) throws(NeuroError) -> NSFModel {
        try NSFModel(
            config: config, parsedWeights: weights, name: name, maxFramesPerCall: maxFramesPerCall,
            threadCount: threadCount ?? self.threadCount, usesDenseKernels: usesDenseKernels, sharing: sharing)
    }

    /// Starts a new impact whose random draws come from a generator seeded with `seed`.
    public func reset(seed: UInt64) {
        start(noise: NoiseSource(seed: seed))
    }

    /// Starts a new impact that replays `draws` (which must cover every sample generated until the next reset).
    ///
    /// - Throws: `.invalidData` when the draws have a different number of sines than the model.
    public func reset(injecting draws: NSFRandomDraws) throws(NeuroError) {
        guard draws.initialPhases.count == config.sineCount else {
            throw NeuroError(.invalidData, "\(name): random draws have \(draws.initialPhases.count) sines, the model \(config.sineCount)")
        }
        start(noise: NoiseSource(draws: draws))
    }

    private func start(noise newNoise: NoiseSource) {
        noise = newNoise
        source.reset(initialPhases: noise.initialPhases(count: config.sineCount))
        condition.reset()
        for block in allBlocks {
            block.reset()
        }
        sinc.reset()
        tailGate?.reset()
        dcBlocker?.reset()
    }

    /// Generates `frames.count · samplesPerFrame` samples, continuing the impact (see `ImpactModel`).
    public func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        var trace: NSFTrace?
        try run(frames: frames, hop: hop, output: &output, trace: &trace)
    }

    /// Runs one whole impact with injected random draws and returns every intermediate tensor.
    ///
    /// This is the verification entry point: `draws` must cover `frames.count · samplesPerFrame`
    /// samples. The model is reset before and after. The trace is the network's forward pass, as
    /// in PyTorch: its `output` is taken before the DC blocker and the tail gate
    /// (``NSFConfig/dcBlock``, ``NSFConfig/tailGate``), which only ``generate(frames:advancing:into:)`` applies.
    public func trace(frames: [ControlFrame], draws: NSFRandomDraws) throws(NeuroError) -> NSFTrace {
        defer { reset(seed: 0) }
        try reset(injecting: draws)
        var output = [Float](repeating: 0, count: frames.count * samplesPerFrame)
        var trace: NSFTrace? = NSFTrace()
        var span = output.mutableSpan
        try run(frames: frames.span, hop: frames.count, output: &span, trace: &trace)
        return trace ?? NSFTrace()
    }

    private func run(
        frames: Span<ControlFrame>, hop: Int, output: inout MutableSpan<Float>, trace: inout NSFTrace?
    ) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        let rows = samplesPerFrame
        guard noise.remainingSamples >= frames.count * rows else {
            throw NeuroError(
                .invalidData, "\(name): the injected random draws cover \(noise.remainingSamples) more samples, the call needs \(frames.count * rows)")
        }
        condition.prepare(frames: frames, holdsAfterEnd: hop < frames.count)
        if trace != nil {
            recordCondition(frameCount: frames.count, into: &trace)
        }
        var savedNoise = noise
        // With an output of `hop` frames the look-ahead is only read: no state to rewind.
        let synthesizedFrames = output.count / rows
        output.withUnsafeMutableBufferPointer { samples in
            synthesize(frameCount: synthesizedFrames, hop: hop, into: samples, savedNoise: &savedNoise, trace: &trace)
        }
        for frame in 0..<synthesizedFrames {
            if frame == hop {
                tailGate?.saveState()
                dcBlocker?.saveState()
            }
            dcBlocker?.apply(to: &output, from: frame * rows, count: rows)
            tailGate?.apply(requests: frames, frame: frame, to: &output, from: frame * rows)
        }
        if hop == frames.count, trace == nil, let endFade = config.endFade {
            ImpactEndFade.apply(to: &output, samples: min(endFade.samples, output.count))
        }
        if hop < synthesizedFrames {
            noise = savedNoise
            restoreStages()
        }
        condition.advance(frames: frames, hop: hop)
    }

    /// Runs the network over call frames `0..<frameCount` into `samples` (before the DC blocker
    /// and the tail gate), as ``stagePlan`` shares it out.
    ///
    /// Each step saves its stage's state (the random draws into `savedNoise`) before frame `hop`.
    /// While tracing, each stage records into its own trace (every tensor comes from one stage,
    /// frame after frame), and those are joined into `trace` at the end.
    private func synthesize(
        frameCount: Int, hop: Int, into samples: UnsafeMutableBufferPointer<Float>, savedNoise: inout NoiseSource,
        trace: inout NSFTrace?
    ) {
        let stages = stagePlan.stages
        let stageTraces = trace == nil ? [] : stages.map { _ in StageTrace() }
        let rows = samplesPerFrame
        func run(stage: Int, frame: Int) {
            let slot = slots[frame % slots.count]
            var stageTrace = stageTraces.isEmpty ? nil : stageTraces[stage].take()
            for step in stages[stage] {
                if frame == hop {
                    saveState(of: step, noise: &savedNoise)
                }
                perform(step, frame: frame, slot: slot, trace: &stageTrace)
            }
            if let stageTrace {
                stageTraces[stage].trace = stageTrace
            }
            if stage == stages.count - 1 {
                slot.output.withUnsafeBufferPointer { frameSamples in
                    _ = UnsafeMutableBufferPointer(rebasing: samples[(frame * rows)...]).update(fromContentsOf: frameSamples)
                }
            }
        }
        if let pool, stages.count > 1 {
            pool.pipeline(stageCount: stages.count, itemCount: frameCount, inFlight: slots.count, run)
        } else {
            for frame in 0..<frameCount {
                run(stage: 0, frame: frame)
            }
        }
        for stageTrace in stageTraces {
            trace?.append(contentsOf: stageTrace.trace)
        }
    }

    /// Computes `step` of call frame `frame` in `slot`.
    private func perform(_ step: NSFFrameStep, frame: Int, slot: NSFFrameSlot, trace: inout NSFTrace?) {
        let rows = samplesPerFrame
        let layerPool = stagePlan.splitsRows ? pool : nil
        switch step {
        case .sources:
            condition.compute(frame: frame, into: &slot.tile)
            noise.draw(
                count: rows, sines: config.sineCount, sineNoise: &slot.sineNoise, excitation: &slot.excitation,
                scratch: &slot.noiseScratch)
            source.generate(
                count: rows, f0: slot.tile.f0, voicing: slot.tile.voicing, noisePerSine: noise.drawsPerSine,
                sineNoise: &slot.sineNoise, harmonicExcitation: &slot.harmonic)
            source.scaleExcitation(&slot.excitation, count: rows)
            if trace != nil {
                recordTile(slot, into: &trace)
            }
        case .block(let branch, let index, let layers):
            let block = blocks(of: branch)[index]
            block.process(
                layers: layers, input: slot.signal(of: branch), context: slot.tile.context, count: rows,
                handoff: slot.handoff, output: &slot.blockOutput, pool: layerPool)
            if layers.upperBound == block.layerCount {
                slot.swapBlockOutputIntoSignal(of: branch)
                trace?.append("\(branch == .noise ? "noi" : "har")_block\(index)", slot.signal(of: branch))
            }
        case .sincFilters:
            sinc.filter(
                count: rows, cutoffs: slot.tile.cutoff, harmonic: slot.harmonic, noise: slot.excitation,
                harmonicOutput: &slot.harmonicSignal, noiseOutput: &slot.noiseSignal, output: &slot.output,
                taps: trace == nil ? nil : (tracedTaps.lowPass.baseAddress, tracedTaps.highPass.baseAddress))
            if trace != nil {
                tracedTaps.lowPass.withUnsafeMutableBufferPointer { trace?.append("lp_coef", width: config.filter.sincOrder, $0) }
                tracedTaps.highPass.withUnsafeMutableBufferPointer { trace?.append("hp_coef", width: config.filter.sincOrder, $0) }
                trace?.append("har_signal", slot.harmonicSignal)
                trace?.append("noi_signal", slot.noiseSignal)
                trace?.append("output", slot.output)
            }
        }
    }

    /// The filter blocks of `branch`.
    private func blocks(of branch: NSFFrameStep.Branch) -> [FilterBlock] {
        branch == .noise ? noiseBlocks : harmonicBlocks
    }

    /// Remembers the state `step` carries from frame to frame (the state at a chunk's `hop`).
    private func saveState(of step: NSFFrameStep, noise savedNoise: inout NoiseSource) {
        switch step {
        case .sources:
            savedNoise = noise
            source.saveState()
        case .block(let branch, let index, let layers): blocks(of: branch)[index].saveState(layers: layers)
        case .sincFilters: sinc.saveState()
        }
    }

    /// Returns every stage to the state remembered at `hop`.
    private func restoreStages() {
        source.restoreState()
        for block in allBlocks {
            block.restoreState()
        }
        sinc.restoreState()
        tailGate?.restoreState()
        dcBlocker?.restoreState()
    }

    private func recordCondition(frameCount: Int, into trace: inout NSFTrace?) {
        for frame in 0..<frameCount {
            trace?.append("features_normalized", width: config.inputDimension, condition.normalizedFrame(frame))
            for layer in 0..<config.condition.convolutionLayers {
                trace?.append("cond_conv\(layer)", width: config.hiddenDimension, condition.layerOutput(layer, frame: frame))
            }
        }
    }

    private func recordTile(_ slot: NSFFrameSlot, into trace: inout NSFTrace?) {
        let rows = samplesPerFrame
        let tile = slot.tile
        tile.context.withUnsafeMutableBufferPointer { trace?.append("context", width: config.hiddenDimension, $0) }
        trace?.append("hidden_cut_f", tile.hiddenCutoff)
        trace?.append("f0_upsampled", tile.f0)
        trace?.append("uv", tile.voicing)
        trace?.append("cut_f_raw", tile.rawCutoff)
        trace?.append("cut_f", tile.cutoff)
        trace?.append("sine_waves", width: config.sineCount, slot.sineNoise[0..<rows * config.sineCount])
        trace?.append("har_source", slot.harmonic)
        trace?.append("noi_source", slot.excitation)
    }
}

/// The trace one pipeline stage records, kept between its frames.
private final class StageTrace {
    var trace = NSFTrace()

    /// Hands the trace over for appending, leaving an empty one (so it is never copied).
    func take() -> NSFTrace {
        defer { trace = NSFTrace() }
        return trace
    }
}
