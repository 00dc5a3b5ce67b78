import Foundation
import NeuroCore
import Synchronization

/// A TorchScript decoder (nn~/RAVE `decode`) as an ``ImpactModel``: one control frame is one
/// latent frame, `decode`'s `in_ratio / out_ratio` samples at the model's sample rate.
///
/// The latent values come from a ``LatentMorph`` (latent profiles, α, offsets on chosen latent
/// dimensions), set with ``setLatents(_:)`` from any thread. The engine's control frames carry
/// only α and the CV offsets (``LatentCarrier``): pass ``latentControl`` to the engine or the
/// renderer. Every latent frame is decoded exactly once, in order, so a model with cached
/// convolutions streams as it was exported for; frames a chunk shares with the next come from a
/// small buffer of decoded audio (the chunks' cross-fade then blends equal samples). At every
/// ``reset(seed:)`` the module's buffers return to their state at load and torch's random
/// generator is seeded.
///
/// - Important: One generation thread at a time (see ``ImpactModel``).
public final class TorchModel: ImpactModel, @unchecked Sendable {
    /// The most latent frames one call accepts (the engine's plan uses 16).
    public static let framesPerCallLimit = 64

    /// The loaded module.
    public let module: TorchModule
    /// `decode`'s `_params` buffer.
    public let decodeParams: TorchMethodParams
    /// The model's name: its file name.
    public let name: String
    /// The model's sample rate in Hz.
    public let sampleRate: Int
    /// Audio samples per latent frame: `in_ratio / out_ratio` of `decode`.
    public let samplesPerFrame: Int
    /// The carried layout of ``LatentCarrier`` (the descriptors the engine fills).
    public var descriptorLayout: [Descriptor] { Descriptor.allCases }
    /// No normalisation: the carried values are used as they are.
    public var statistics: DescriptorStatistics? { nil }
    /// ``framesPerCallLimit``.
    public var maxFramesPerCall: Int { Self.framesPerCallLimit }

    private let latents: Mutex<LatentMorph>
    // Generation-thread state: the stream position and the decoded audio from `decodedStart` on.
    private var position = 0
    private var decodedStart = 0
    private var decoded: [Float] = []
    private var resetFailure: NeuroError?

    /// Wraps `module`, whose `decode` method maps `[1, latent, T]` to `[1, channels, T · ratio]`.
    ///
    /// The initial latents are a silent (all-zero) profile of one second.
    /// - Parameter defaultSampleRate: the rate when the module states none (`sr`, `sampling_rate`).
    /// - Throws: `.invalidData` when `decode` or its `_params` is missing, or its ratios do not
    ///   give whole samples per latent frame.
    public init(module: TorchModule, defaultSampleRate: Int = 44_100) throws(NeuroError) {
        let params = try module.requiredParams(of: "decode")
        guard let steps = params.stepsPerInputStep else {
            throw NeuroError(
                .invalidData, "\(module.path): decode_params \(params) do not give whole samples per latent frame (in_ratio / out_ratio)")
        }
        self.module = module
        decodeParams = params
        name = URL(fileURLWithPath: module.path).lastPathComponent
        sampleRate = try module.sampleRate() ?? defaultSampleRate
        samplesPerFrame = steps
        let frameRate = Double(sampleRate) / Double(params.inputRatio)
        let silence = try LatentProfile(
            name: "silence", dimension: params.inputChannels, frameRate: frameRate,
            values: [Float](repeating: 0, count: params.inputChannels * max(Int(frameRate.rounded()), 1)))
        latents = Mutex(try LatentMorph(primary: silence, offsetDimensions: []))
    }

    /// The latent size (`decode`'s input channels).
    public var latentSize: Int { decodeParams.inputChannels }
    /// Latent frames per second.
    public var latentRate: Double { Double(sampleRate) / Double(decodeParams.inputRatio) }

    /// The latents the next generated frames read.
    public var currentLatents: LatentMorph { latents.withLock { $0 } }

    /// Replaces the latents; the next generated frame reads them.
    ///
    /// - Throws: `.invalidData` when their dimension is not the model's latent size.
    public func setLatents(_ morph: LatentMorph) throws(NeuroError) {
        guard morph.dimension == latentSize else {
            throw NeuroError(
                .invalidData,
                "\(name): latent profile '\(morph.primary.name)' has \(morph.dimension) dimensions, the model's decode takes \(latentSize)")
        }
        latents.withLock { $0 = morph }
    }

    /// The control to drive this model with: carrier frames as long as the current latents.
    public var latentControl: LatentControl { LatentCarrier.control(frameCount: currentLatents.frameCount) }

    /// Restores the module's buffers, seeds torch and starts a new stream.
    ///
    /// A failure to restore is reported by the next ``generate(frames:advancing:into:)``.
    public func reset(seed: UInt64) {
        resetFailure = nil
        do {
            try module.resetBuffers()
        } catch {
            resetFailure = error
        }
        TorchModule.seed(seed)
        position = 0
        decodedStart = 0
        decoded.removeAll(keepingCapacity: true)
    }

    /// Decodes the frames of this call not decoded yet and writes the call's samples.
    ///
    /// - Throws: `.invalidData` for bad arguments, `.modelFailure` with torch's message, or when
    ///   `decode` returns another length than `frames · samplesPerFrame`.
    public func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        if let resetFailure { throw resetFailure }
        let decodedEnd = decodedStart + decoded.count / samplesPerFrame
        let end = position + frames.count
        if end > decodedEnd {
            try decode(frames: decodedEnd..<end, controls: frames)
        }
        let offset = (position - decodedStart) * samplesPerFrame
        for index in 0..<output.count {
            output[index] = decoded[offset + index]
        }
        let dropped = (position + hop - decodedStart) * samplesPerFrame
        decoded.removeFirst(dropped)
        decodedStart = position + hop
        position += hop
    }

    /// Decodes latent frames `range` of the stream (the carried controls of this call start at `position`).
    private func decode(frames range: Range<Int>, controls: Span<ControlFrame>) throws(NeuroError) {
        let morph = currentLatents
        var input = [Float](repeating: 0, count: latentSize * range.count)
        for (step, frame) in range.enumerated() {
            let control = controls[frame - position]
            let alpha = LatentCarrier.alpha(of: control)
            let offsets = LatentCarrier.offsets(of: control)
            for component in 0..<latentSize {
                input[component * range.count + step] = morph.value(frame: frame, component: component, alpha: alpha, offsets: offsets)
            }
        }
        let output = try module.call("decode", try TorchTensor(shape: [1, latentSize, range.count], values: input))
        guard output.frameCount == range.count * samplesPerFrame else {
            throw NeuroError(
                .modelFailure,
                "\(name): decode of \(range.count) latent frames returned \(output.frameCount) samples, expected \(range.count * samplesPerFrame)")
        }
        decoded.append(contentsOf: output.channelMean)
    }
}

extension TorchModel {
    /// Loads the TorchScript file at `path` as a decoder, computing with `threadCount` libtorch
    /// threads, and warms it up: decodes of silence at the two lengths the engine's chunks
    /// decode (16 frames, then 15: the TorchScript executor profiles and optimises early calls per
    /// shape), after which the buffers return to their state at load.
    ///
    /// - Throws: the errors of ``TorchModule/init(path:)``, ``init(module:defaultSampleRate:)``
    ///   and of the warm-up call.
    public static func load(path: String, threadCount: Int = 1) throws(NeuroError) -> TorchModel {
        TorchModule.setThreadCount(threadCount)
        let model = try TorchModel(module: TorchModule(path: path))
        for frames in [ChunkPlan.neurorack.framesPerChunk, ChunkPlan.neurorack.hop] {
            let silence = [Float](repeating: 0, count: model.latentSize * frames)
            _ = try model.module.call("decode", TorchTensor(shape: [1, model.latentSize, frames], values: silence))
        }
        try model.module.resetBuffers()
        return model
    }
}
