import NeuroCore

/// An impact model whose every impact is one full-scale sample followed by silence: the probe
/// signal of latency measurements, so the first sound of an impact is its first sample.
public final class ClickImpactModel: ImpactModel, @unchecked Sendable {
    /// `"click"`.
    public let name = "click"
    /// The rate of the clicks.
    public let sampleRate: Int
    /// 512, as the Neurorack models.
    public let samplesPerFrame = 512
    /// The seven descriptors (ignored).
    public let descriptorLayout = Descriptor.allCases
    /// None: the model ignores its controls.
    public let statistics: DescriptorStatistics? = nil
    /// Any chunk the engine asks for.
    public let maxFramesPerCall = 4_096
    private var position = 0

    /// A click model at `sampleRate` Hz.
    public init(sampleRate: Int = 22_050) {
        self.sampleRate = sampleRate
    }

    /// Starts a new impact (the click comes first).
    public func reset(seed: UInt64) { position = 0 }

    /// A new click model at the same rate, for another generation thread.
    public func makeIndependentCopy() throws(NeuroError) -> (any ImpactModel)? { ClickImpactModel(sampleRate: sampleRate) }

    /// Writes the click at the impact's first sample and silence elsewhere.
    public func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        for index in output.indices { output[index] = 0 }
        if position == 0 { output[0] = 1 }
        position += hop
    }

    /// An engine playing 10-frame click impacts generated at `sampleRate` and played at
    /// `outputRate` (default: the same), with no volume ramp, so its output is the click alone,
    /// generating on `generationThreads` threads.
    ///
    /// - Throws: what `Engine.init` throws for an impossible rate.
    public static func engine(sampleRate: Int = 22_050, outputRate: Int? = nil, generationThreads: Int = 1) throws(NeuroError) -> Engine {
        let frames = 10
        let profile = ImpactProfile(name: "click", frames: Array(repeating: ControlFrame.silence, count: frames))
        return try Engine(
            model: ClickImpactModel(sampleRate: sampleRate), control: LatentControl(primary: profile),
            configuration: Engine.Configuration(
                volumeRampDuration: 0, maxFramesPerImpact: frames, outputSampleRate: outputRate,
                generationThreads: generationThreads))
    }
}
