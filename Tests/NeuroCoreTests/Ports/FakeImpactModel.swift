@testable import NeuroCore

/// A tiny deterministic model for scheduling tests.
///
/// Sample `s` of stream frame `p` is `frame.rms + p · 0.01 + s · 0.0001`, so a chunked render of
/// this model equals a single whole-impact call (the cross-fade joins identical values).
/// ``Behaviour`` switches it to constant-per-call output or to failures.
final class FakeImpactModel: ImpactModel, @unchecked Sendable {
    /// What the model writes.
    enum Behaviour {
        /// Position-deterministic output (see the type's doc).
        case positional
        /// Every sample of call `n` (from 0) equals `Float(n)`.
        case callIndex
        /// Throws `.modelFailure` on call `n` (from 0), positional otherwise.
        case throwing(atCall: Int)
        /// Writes NaN into call `n` (from 0), positional otherwise.
        case nan(atCall: Int)
    }

    let name = "fake"
    let sampleRate: Int
    let samplesPerFrame: Int
    let descriptorLayout = Descriptor.allCases
    let statistics: DescriptorStatistics? = nil
    let maxFramesPerCall: Int
    let lookAheadFrames: Int
    var behaviour: Behaviour
    /// Whether ``makeIndependentCopy()`` makes copies (else the model runs on one generation thread).
    let isCopyable: Bool
    let generatesAdvancedFramesOnly: Bool
    /// The output sizes of every call, in samples.
    private(set) var outputCounts: [Int] = []

    private(set) var position = 0
    private(set) var callCount = 0
    private(set) var advances: [Int] = []
    /// The control frames of every call, in order.
    private(set) var receivedFrames: [[ControlFrame]] = []
    private(set) var lastSeed: UInt64?

    init(
        samplesPerFrame: Int = 4, maxFramesPerCall: Int = 64, lookAheadFrames: Int = 0, behaviour: Behaviour = .positional,
        sampleRate: Int = 22_050, isCopyable: Bool = true, generatesAdvancedFramesOnly: Bool = false
    ) {
        self.generatesAdvancedFramesOnly = generatesAdvancedFramesOnly
        self.isCopyable = isCopyable
        self.sampleRate = sampleRate
        self.samplesPerFrame = samplesPerFrame
        self.maxFramesPerCall = maxFramesPerCall
        self.lookAheadFrames = lookAheadFrames
        self.behaviour = behaviour
    }

    func reset(seed: UInt64) {
        position = 0
        lastSeed = seed
    }

    func makeIndependentCopy() throws(NeuroError) -> (any ImpactModel)? {
        guard isCopyable else { return nil }
        return FakeImpactModel(
            samplesPerFrame: samplesPerFrame, maxFramesPerCall: maxFramesPerCall, lookAheadFrames: lookAheadFrames,
            behaviour: behaviour, sampleRate: sampleRate, generatesAdvancedFramesOnly: generatesAdvancedFramesOnly)
    }

    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        let call = callCount
        callCount += 1
        advances.append(hop)
        outputCounts.append(output.count)
        receivedFrames.append(frames.indices.map { frames[$0] })
        if case .throwing(let failing) = behaviour, failing == call {
            throw NeuroError(.modelFailure, "fake: failing on purpose at call \(call)")
        }
        for frame in 0..<(output.count / samplesPerFrame) {
            for sample in 0..<samplesPerFrame {
                output[frame * samplesPerFrame + sample] = value(call: call, frame: frames[frame], streamFrame: position + frame, sample: sample)
            }
        }
        if case .nan(let failing) = behaviour, failing == call {
            output[output.count - 1] = .nan
        }
        position += hop
    }

    private func value(call: Int, frame: ControlFrame, streamFrame: Int, sample: Int) -> Float {
        if case .callIndex = behaviour { return Float(call) }
        return Self.expected(rms: frame.rms, streamFrame: streamFrame, sample: sample)
    }

    /// The positional value of sample `sample` of stream frame `streamFrame`.
    static func expected(rms: Float, streamFrame: Int, sample: Int) -> Float {
        rms + Float(streamFrame) * 0.01 + Float(sample) * 0.0001
    }
}

extension ControlFrame {
    /// A test frame whose every descriptor is `value`.
    static func constant(_ value: Float) -> ControlFrame {
        ControlFrame(rms: value, zcr: value, rolloff: value, flatness: value, bandwidth: value, centroid: value, f0: value)
    }
}
