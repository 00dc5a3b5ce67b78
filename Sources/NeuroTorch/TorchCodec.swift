import NeuroCore

/// Audio in, through a TorchScript module's `encode` or `forward`: latent profiles of recorded
/// impacts, and audio-to-audio processing.
///
/// Inputs are mono at the model's sample rate (callers convert); they are zero-padded to whole
/// blocks and processed block by block (``blockSamples``, rounded up to a multiple of the method's
/// ratios), in order, after a reset of the module's buffers, as a streaming host would.
public struct TorchCodec {
    /// The module.
    public let module: TorchModule
    /// The model's sample rate in Hz.
    public let sampleRate: Int
    /// The default ``blockSamples``: 4096, a buffer size nn~ hosts use.
    public static let defaultBlockSamples = 4096

    /// Audio samples per call, rounded up to a multiple of the method's ratios.
    public var blockSamples = defaultBlockSamples

    /// Wraps `module`, whose rate is its `sr` attribute or `defaultSampleRate`.
    ///
    /// - Throws: `.invalidData` when the sample-rate attribute is malformed.
    public init(module: TorchModule, defaultSampleRate: Int = 44_100) throws(NeuroError) {
        self.module = module
        sampleRate = try module.sampleRate() ?? defaultSampleRate
    }

    /// The latent profile of `samples` (mono at ``sampleRate``) by `encode`: `[1, 1, N]` to
    /// `[1, latent, N / ratio]`.
    ///
    /// - Throws: `.invalidData` when `encode` or its params are missing or not audio in,
    ///   `.modelFailure` with torch's message.
    public func latentProfile(of samples: [Float], name: String) throws(NeuroError) -> LatentProfile {
        let params = try module.requiredParams(of: "encode")
        let output = try run("encode", params: params, samples: samples)
        var values = [Float](repeating: 0, count: output.count)
        let frames = output.count / params.outputChannels
        for channel in 0..<params.outputChannels {
            for frame in 0..<frames {
                values[frame * params.outputChannels + channel] = output[channel * frames + frame]
            }
        }
        let frameRate = Double(sampleRate) / Double(params.outputRatio)
        return try LatentProfile(name: name, dimension: params.outputChannels, frameRate: frameRate, values: values)
    }

    /// `forward` of `samples` (mono at ``sampleRate``): audio to audio, the output channels averaged.
    ///
    /// - Throws: `.invalidData` when `forward` or its params are missing or not audio to audio,
    ///   `.modelFailure` with torch's message.
    public func forward(_ samples: [Float]) throws(NeuroError) -> [Float] {
        let params = try module.requiredParams(of: "forward")
        guard params.outputRatio == 1 else {
            throw NeuroError(.invalidData, "\(module.path): forward_params \(params) do not return audio (out_ratio must be 1)")
        }
        let output = try run("forward", params: params, samples: samples)
        let frames = output.count / params.outputChannels
        let mono = (0..<frames).map { frame in
            (0..<params.outputChannels).reduce(Float(0)) { $0 + output[$1 * frames + frame] } / Float(params.outputChannels)
        }
        return Array(mono.prefix(samples.count))
    }

    /// Runs `method` over `samples` in blocks; returns the outputs channel after channel.
    private func run(_ method: String, params: TorchMethodParams, samples: [Float]) throws(NeuroError) -> [Float] {
        guard params.inputRatio == 1 else {
            throw NeuroError(.invalidData, "\(module.path): \(method)_params \(params) do not take audio (in_ratio must be 1)")
        }
        guard !samples.isEmpty else {
            throw NeuroError(.invalidData, "\(module.path): \(method) needs at least one sample of input")
        }
        let block = params.block(covering: blockSamples)
        let blocks = (samples.count + block - 1) / block
        var channels = [[Float]](repeating: [], count: params.outputChannels)
        try module.resetBuffers()
        for index in 0..<blocks {
            var chunk = [Float](repeating: 0, count: block * params.inputChannels)
            let slice = samples[(index * block)..<min((index + 1) * block, samples.count)]
            for channel in 0..<params.inputChannels {
                chunk.replaceSubrange((channel * block)..<(channel * block + slice.count), with: slice)
            }
            let output = try module.call(method, try TorchTensor(shape: [1, params.inputChannels, block], values: chunk))
            guard output.channelCount == params.outputChannels, output.frameCount == block / params.outputRatio else {
                throw NeuroError(
                    .modelFailure,
                    "\(module.path): \(method) of \(block) samples returned \(output.shape), expected [1, \(params.outputChannels), \(block / params.outputRatio)]")
            }
            for channel in 0..<params.outputChannels {
                channels[channel].append(contentsOf: output.channel(channel))
            }
        }
        let steps = (samples.count + params.outputRatio - 1) / params.outputRatio
        return channels.flatMap { $0.prefix(steps) }
    }
}
