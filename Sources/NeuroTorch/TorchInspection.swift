import NeuroCore

/// What `neurorack-run models inspect` reports about a TorchScript file: its nn~ methods and
/// their `_params`, its attributes, sample rate and latent size, and speeds measured at load.
public struct TorchInspection: Sendable {
    /// One method nn~ would offer.
    public struct Method: Sendable, Equatable {
        /// The method's name.
        public var name: String
        /// Its `_params` buffer, or `nil` when it has none.
        public var params: TorchMethodParams?
    }

    /// The speed of one method measured on this machine.
    public struct Speed: Sendable, Equatable {
        /// The method timed (`decode`, else `forward`, else `encode`).
        public var method: String
        /// Audio samples one timed call covers (16 latent frames for `decode`, else
        /// ``TorchCodec/defaultBlockSamples`` rounded to the method's ratios).
        public var blockSamples: Int
        /// The first call (the TorchScript executor profiles and optimises early calls); a second
        /// untimed call completes the warm-up.
        public var firstCall: Duration
        /// Seconds of audio per second of computing over the timed calls after the warm-up.
        public var realTimeFactor: Double
    }

    /// The file.
    public let path: String
    /// The nn~ methods (`get_methods()`, else the module's methods).
    public let methods: [Method]
    /// The nn~ attributes and their values.
    public let attributes: [TorchModule.Attribute]
    /// The sample rate the module states (`sr` or `sampling_rate`), if any.
    public let sampleRate: Int?
    /// The latent size: `decode`'s input channels, else `encode`'s output channels.
    public let latentSize: Int?
    /// How long loading the file took.
    public let loadTime: Duration
    /// The speed of the main method, when it has `_params` and could be timed.
    public let speed: Speed?
    /// Buffers the timed calls changed: the streaming state (cached convolutions) reset per impact.
    public let stateBufferCount: Int

    /// Loads `path` and inspects it, timing calls with `threadCount` libtorch threads for at
    /// least `timedAudioSeconds` of audio.
    ///
    /// - Throws: the errors of loading, reading the conventions, and calling the timed method.
    public init(path: String, threadCount: Int = 1, timedAudioSeconds: Double = 1) throws(NeuroError) {
        TorchModule.setThreadCount(threadCount)
        let clock = ContinuousClock()
        let start = clock.now
        let module = try TorchModule(path: path)
        loadTime = clock.now - start
        self.path = path
        var methods: [Method] = []
        for name in try module.nnMethods() {
            methods.append(Method(name: name, params: try module.params(of: name)))
        }
        self.methods = methods
        attributes = try module.attributes()
        sampleRate = try module.sampleRate()
        let byName = Dictionary(methods.map { ($0.name, $0.params) }, uniquingKeysWith: { first, _ in first })
        latentSize = (byName["decode"] ?? nil)?.inputChannels ?? (byName["encode"] ?? nil)?.outputChannels
        let timed = ["decode", "forward", "encode"].first { byName[$0] != nil && byName[$0]! != nil }
        if let timed, let params = byName[timed] ?? nil {
            speed = try Self.measure(
                module, method: timed, params: params, sampleRate: sampleRate ?? 44_100, seconds: timedAudioSeconds, clock: clock)
        } else {
            speed = nil
        }
        stateBufferCount = try module.changedBufferCount()
        try module.resetBuffers()
    }

    private static func measure(
        _ module: TorchModule, method: String, params: TorchMethodParams, sampleRate: Int, seconds: Double, clock: ContinuousClock
    ) throws(NeuroError) -> Speed {
        let blockSamples = method == "decode"
            ? ChunkPlan.neurorack.framesPerChunk * params.inputRatio : params.block(covering: TorchCodec.defaultBlockSamples)
        let steps = blockSamples / params.inputRatio
        var random = SplitMix64(seed: 1)
        let values = (0..<(steps * params.inputChannels)).map { _ in (random.nextUnitFloat() - 0.5) * 0.2 }
        let input = try TorchTensor(shape: [1, params.inputChannels, steps], values: values)
        let firstStart = clock.now
        _ = try module.call(method, input)
        let firstCall = clock.now - firstStart
        _ = try module.call(method, input)
        let calls = max(Int((seconds * Double(sampleRate) / Double(blockSamples)).rounded(.up)), 1)
        let timedStart = clock.now
        for _ in 0..<calls {
            _ = try module.call(method, input)
        }
        let duration = clock.now - timedStart
        let elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        let audio = Double(calls * blockSamples) / Double(sampleRate)
        return Speed(method: method, blockSamples: blockSamples, firstCall: firstCall, realTimeFactor: elapsed > 0 ? audio / elapsed : .infinity)
    }
}
