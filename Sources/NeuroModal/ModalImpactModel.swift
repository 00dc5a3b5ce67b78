import NeuroCore
/// A non-neural impact synthesizer: a bank of modes plus coloured noise, driven frame by frame
/// by the seven descriptors.
///
/// It is the reference instrument of the project: it needs no weights, runs far faster than
/// real time, and follows every descriptor (see `ModalFrameParameters` for the mapping):
/// f0 sets the pitch of the modes, Richness (bandwidth) and Tone (roll-off) their inharmonic
/// spread and upper limit, Brightness (centroid) their spectral tilt, Noise (flatness) the
/// share of coloured noise, Percussivity (zcr) the colour of that noise, and Loudness (rms) the
/// level. Within a frame every amplitude and mode frequency moves linearly from the frame's
/// value to the next frame's value, so envelopes and pitch glides are smooth; the value of
/// frame `j` is reached at its first sample.
///
/// Streaming: modes are complex phasors that keep rotating across calls, and the noise
/// filter and random generator continue too, so chunked generation (`ChunkPlan`) and one
/// whole-impact call produce the same samples wherever the chunks do not overlap. The seed
/// of ``reset(seed:)`` picks the initial phases, a small detune of the upper modes and the
/// noise; the same seed and frames always give the same audio.
public final class ModalImpactModel: ImpactModel, @unchecked Sendable {
    /// The number of modes in the bank.
    public static let modeCount = 48
    /// The largest relative detune of the upper modes (±).
    static let maximumDetune: Float = 0.006

    /// `modal`.
    public let name = "modal"
    /// 22 050 Hz, like the Neurorack family.
    public let sampleRate = 22_050
    /// 512, like the Neurorack family.
    public let samplesPerFrame = 512
    /// All seven descriptors in `Descriptor` order.
    public let descriptorLayout = Descriptor.allCases
    /// `nil`: the model reads raw descriptor values.
    public let statistics: DescriptorStatistics? = nil
    /// The model has no context limit; one call can render many minutes.
    public let maxFramesPerCall = 1 << 20

    private var state: ModalVoiceState
    private var modeDetune: [Float]

    /// Creates the model, reset with `seed`.
    public init(seed: UInt64 = 0) {
        state = ModalVoiceState(modeCount: Self.modeCount, seed: seed)
        modeDetune = Self.detune(seed: seed)
    }

    /// Starts a new impact: new phases, detune and noise from `seed`, filters cleared.
    public func reset(seed: UInt64) {
        state = ModalVoiceState(modeCount: Self.modeCount, seed: seed)
        modeDetune = Self.detune(seed: seed)
    }

    /// A new modal model with its own state, for another generation thread.
    public func makeIndependentCopy() throws(NeuroError) -> (any ImpactModel)? { ModalImpactModel() }

    /// Generates `frames.count · 512` samples; the stream advances by `hop` frames.
    public func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        let parameters = (0..<frames.count).map { index in
            ModalFrameParameters(frame: frames[index], sampleRate: sampleRate, modeDetune: modeDetune)
        }
        var block = [Float](repeating: 0, count: samplesPerFrame)
        var stateAfterHop = state
        for index in parameters.indices {
            state.render(from: parameters[index], to: parameters[min(index + 1, parameters.count - 1)], into: &block)
            for offset in block.indices {
                output[index * samplesPerFrame + offset] = block[offset]
            }
            if index == hop - 1 {
                stateAfterHop = state
            }
        }
        state = stateAfterHop
    }

    /// One relative detune per mode, uniform in ±``maximumDetune`` (the harmonic modes ignore it).
    private static func detune(seed: UInt64) -> [Float] {
        var generator = SplitMix64(seed: seed ^ 0xD37E_57A7_E000_0001)
        return (0..<modeCount).map { _ in (2 * generator.nextUnitFloat() - 1) * maximumDetune }
    }
}
