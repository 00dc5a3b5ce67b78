import NeuroCore
/// The condition module (SPEC §3): frame CNN, up-sampling, smoothing, context and cut-off.
///
/// Streaming: the module remembers the last ``historyFrames`` raw frames of the impact, so the
/// look-back of the CNN and of the moving averages sees the real past instead of padding. The
/// look-ahead beyond the frames of a call cannot be known: when the call ends the impact the
/// module pads like PyTorch at the end of a sequence (zero frames for the CNN, edge replication
/// for the moving averages); when the call is followed by another one (its `hop` is shorter
/// than its frames) it assumes the last frame holds, appending ``extensionFrames`` copies of it.
///
/// f0 is clamped to ``highestPitch`` before anything reads it (the CNN and the sine source).
struct ConditionModule: Sendable {
    /// The per-tile outputs of the module: `samplesPerFrame` samples of one frame.
    struct Tile {
        /// Context `C`, `[samplesPerFrame][H]` row-major (64-byte aligned rows).
        var context: AlignedFloatBuffer
        /// Raw f0 `F` in Hz.
        var f0: [Float]
        /// Voicing `uv` (1 or 0).
        var voicing: [Float]
        /// Smoothed hidden cut-off feature `h_c`.
        var hiddenCutoff: [Float]
        /// Raw cut-off `c_raw`.
        var rawCutoff: [Float]
        /// Smoothed normalised cut-off `f_c`.
        var cutoff: [Float]
    }

    let hidden: Int
    let samplesPerFrame: Int
    let statistics: DescriptorStatistics
    private(set) var layers: [FrameConvolution]
    let smoothing: MovingAverage
    let cutoffSmoothing: MovingAverage
    /// Past frames the look-back of the module reaches (CNN layers + moving-average reach).
    let historyFrames: Int
    /// Frames appended by the hold padding (CNN layers + moving-average look-ahead).
    let extensionFrames: Int
    /// The highest f0 the model is given, in Hz: 5 000 Hz (the `fmax` of the YIN analysis that
    /// measured every training impact, so no model saw a higher pitch) or, lower, the Nyquist
    /// frequency. Unclamped, an f0 at or above Nyquist put 98 % of the reference model's output
    /// power below 20 Hz.
    let highestPitch: Float

    /// Descriptors per frame.
    static let inputWidth = 7

    /// Normalised inputs are clamped to ±this, so absurd but finite descriptors cannot overflow
    /// the CNN into NaN; real descriptors stay far below it (and every CNN output saturates long before).
    static let normalizedLimit: Float = 1e6

    private var history: [ControlFrame] = []
    private var historyCount = 0
    /// Raw frames of the current call: history, call frames, hold extension.
    private var extendedFrames: [ControlFrame]
    private var extendedCount = 0
    private var leadingFrames = 0
    private var normalized: [Float]
    /// The output of every CNN layer over the extended frames, `[frame][H]`.
    private(set) var layerOutputs: [[Float]]
    private var domain: Range<Int> = 0..<0
    private var firstPass: [Float]
    /// The first smoothing pass of every channel, `[samplesPerFrame + N − 1][H]`.
    private let firstPassRows: AlignedFloatBuffer
    private var cutoffPass: [Float]
    private var smoothed: [Float]
    private var rawCutoffWindow: [Float]

    init(config: NSFConfig, weights: NSFWeights, maxFrames: Int) {
        hidden = config.hiddenDimension
        samplesPerFrame = config.samplesPerFrame
        statistics = weights.statistics
        highestPitch = min(5_000, Float(config.sampleRate) / 2)
        layers = weights.conditionWeights.indices.map { layer in
            FrameConvolution(
                weights: weights.conditionWeights[layer], bias: weights.conditionBiases[layer],
                inputs: layer == 0 ? config.inputDimension : config.hiddenDimension, outputs: config.hiddenDimension)
        }
        smoothing = MovingAverage(length: config.resolvedSmoothingLength)
        cutoffSmoothing = MovingAverage(length: config.resolvedCutoffSmoothingLength)
        let backReach = 2 * smoothing.leftReach + cutoffSmoothing.leftReach
        let forwardReach = 2 * smoothing.rightReach + cutoffSmoothing.rightReach
        historyFrames = (backReach + samplesPerFrame - 1) / samplesPerFrame + layers.count
        extensionFrames = (forwardReach + samplesPerFrame - 1) / samplesPerFrame + layers.count
        let capacity = historyFrames + maxFrames + extensionFrames
        history = Array(repeating: .silence, count: historyFrames)
        extendedFrames = Array(repeating: .silence, count: capacity)
        normalized = Array(repeating: 0, count: capacity * config.inputDimension)
        layerOutputs = Array(repeating: Array(repeating: 0, count: capacity * hidden), count: layers.count)
        let cutoffInput = samplesPerFrame + cutoffSmoothing.length
        firstPass = Array(repeating: 0, count: cutoffInput + 2 * smoothing.length)
        firstPassRows = AlignedFloatBuffer(count: (samplesPerFrame + smoothing.length) * hidden)
        cutoffPass = Array(repeating: 0, count: cutoffInput + smoothing.length)
        smoothed = Array(repeating: 0, count: cutoffInput)
        rawCutoffWindow = Array(repeating: 0, count: cutoffInput)
    }

    /// A tile of outputs with buffers sized for this module.
    func makeTile() -> Tile {
        let zeros = [Float](repeating: 0, count: samplesPerFrame)
        return Tile(
            context: AlignedFloatBuffer(count: samplesPerFrame * hidden), f0: zeros, voicing: zeros,
            hiddenCutoff: zeros, rawCutoff: zeros, cutoff: zeros)
    }

    /// Forgets the impact's past frames.
    mutating func reset() {
        historyCount = 0
    }

    /// The normalised input of call frame `index` (SPEC §2.1), for traces.
    func normalizedFrame(_ index: Int) -> ArraySlice<Float> {
        let width = Self.inputWidth
        return normalized[(leadingFrames + index) * width..<(leadingFrames + index + 1) * width]
    }

    /// The output of CNN layer `layer` for call frame `index`, for traces.
    func layerOutput(_ layer: Int, frame index: Int) -> ArraySlice<Float> {
        layerOutputs[layer][(leadingFrames + index) * hidden..<(leadingFrames + index + 1) * hidden]
    }

    /// Runs the frame CNN for a call over `frames`; `holdsAfterEnd` selects the look-ahead padding.
    mutating func prepare(frames: Span<ControlFrame>, holdsAfterEnd: Bool) {
        leadingFrames = historyCount
        extendedCount = 0
        for index in 0..<historyCount {
            extendedFrames[index] = pitchLimited(history[index])
        }
        extendedCount = historyCount
        for index in frames.indices {
            extendedFrames[extendedCount] = pitchLimited(frames[index])
            extendedCount += 1
        }
        if holdsAfterEnd, let last = frames.isEmpty ? nil : frames[frames.count - 1] {
            for _ in 0..<extensionFrames {
                extendedFrames[extendedCount] = pitchLimited(last)
                extendedCount += 1
            }
        }
        domain = -leadingFrames * samplesPerFrame..<(extendedCount - leadingFrames) * samplesPerFrame
        let width = Self.inputWidth
        for frame in 0..<extendedCount {
            for column in 0..<width {
                let descriptor = Descriptor(rawValue: column) ?? .f0
                let value = statistics.normalize(extendedFrames[frame][descriptor], descriptor)
                normalized[frame * width + descriptor.rawValue] = min(max(value, -Self.normalizedLimit), Self.normalizedLimit)
            }
        }
        for layer in layers.indices {
            layers[layer].apply(layer == 0 ? normalized : layerOutputs[layer - 1], frameCount: extendedCount, into: &layerOutputs[layer])
        }
    }

    /// `frame` with its f0 no higher than ``highestPitch``.
    private func pitchLimited(_ frame: ControlFrame) -> ControlFrame {
        var limited = frame
        limited.f0 = min(frame.f0, highestPitch)
        return limited
    }

    /// Appends the first `hop` frames of the call to the history (after the call).
    mutating func advance(frames: Span<ControlFrame>, hop: Int) {
        let keep = min(historyFrames, historyCount + hop)
        let fromHistory = keep - min(keep, hop)
        for index in 0..<fromHistory {
            history[index] = history[historyCount - fromHistory + index]
        }
        for index in fromHistory..<keep {
            history[index] = frames[hop - (keep - index)]
        }
        historyCount = keep
    }

    /// Computes the condition outputs of call frame `frame` (SPEC §3.2–3.3) into `tile`.
    mutating func compute(frame: Int, into tile: inout Tile) {
        let start = frame * samplesPerFrame
        let range = start..<start + samplesPerFrame
        let (hidden, last, domain, frames) = (hidden, hidden - 1, domain, extendedFrames)
        let (samplesPerFrame, smoothing) = (samplesPerFrame, smoothing)
        let output = layerOutputs[layers.count - 1]
        let normalized = normalized
        let context = tile.context.baseAddress
        smoothContext(over: range, into: context)
        let width = Self.inputWidth
        let pitch = Descriptor.f0.rawValue
        Self.smoothTwice(smoothing, over: range, domain: domain, samplesPerFrame: samplesPerFrame, scratch: &firstPass, into: &smoothed) {
            normalized[$0 * width + pitch]
        }
        for offset in 0..<samplesPerFrame {
            context[offset * hidden + last] = smoothed[offset]
        }

        let cutoffRange = cutoffSmoothing.inputRange(for: range, domain: domain)
        Self.smoothTwice(
            smoothing, over: cutoffRange, domain: domain, samplesPerFrame: samplesPerFrame, scratch: &firstPass,
            into: &cutoffPass
        ) {
            output[$0 * hidden + last]
        }
        var offset = 0
        FrameRuns(domain: domain, samplesPerFrame: samplesPerFrame).forEachRun(
            from: cutoffRange.lowerBound, count: cutoffRange.count
        ) { frame, count in
            let voicing: Float = frames[frame].f0 > 0 ? 1 : 0
            for index in offset..<offset + count {
                rawCutoffWindow[index] = (Float(0.2) * cutoffPass[index] + Float(0.4) * voicing) + Float(0.3)
            }
            offset += count
        }
        let rawCutoff = rawCutoffWindow
        cutoffSmoothing.apply(over: range, domain: domain, into: &tile.cutoff) { rawCutoff[$0 - cutoffRange.lowerBound] }
        let f0 = frames[leadingFrames + frame].f0
        for offset in 0..<samplesPerFrame {
            let window = start + offset - cutoffRange.lowerBound
            tile.f0[offset] = f0
            tile.voicing[offset] = f0 > 0 ? 1 : 0
            tile.hiddenCutoff[offset] = cutoffPass[window]
            tile.rawCutoff[offset] = rawCutoffWindow[window]
        }
    }

    /// `U = MA(MA(u))` of every CNN channel over `range`, written as rows of `H` into `context`.
    private mutating func smoothContext(over range: Range<Int>, into context: UnsafeMutablePointer<Float>) {
        let (hidden, domain, samplesPerFrame, smoothing) = (hidden, domain, samplesPerFrame, smoothing)
        let firstRange = smoothing.inputRange(for: range, domain: domain)
        let rows = firstPassRows.baseAddress
        layerOutputs[layers.count - 1].withUnsafeBufferPointer { frames in
            smoothing.applyToRows(
                over: firstRange, input: frames.baseAddress!, start: domain.lowerBound,
                rowCount: domain.count / samplesPerFrame, samplesPerRow: samplesPerFrame, width: hidden, into: rows)
        }
        smoothing.applyToRows(
            over: range, input: rows, start: firstRange.lowerBound, rowCount: firstRange.count, samplesPerRow: 1,
            width: hidden, into: context)
    }

    /// `MA(MA(u))` over `range` for the piecewise-constant up-sampled signal `u` (SPEC §3.2), whose
    /// frame `f` holds `frameValue(f)`.
    private static func smoothTwice(
        _ smoothing: MovingAverage, over range: Range<Int>, domain: Range<Int>, samplesPerFrame: Int,
        scratch: inout [Float], into output: inout [Float], frameValue: (Int) -> Float
    ) {
        let firstRange = smoothing.inputRange(for: range, domain: domain)
        smoothing.applyToFrames(
            over: firstRange, domain: domain, samplesPerFrame: samplesPerFrame, into: &scratch, frameValue: frameValue)
        smoothing.apply(over: range, domain: domain, into: &output) { [scratch] in scratch[$0 - firstRange.lowerBound] }
    }
}
