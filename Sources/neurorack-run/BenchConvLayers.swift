import NeuroNSF

/// Times the ten residual dilated conv layers of one harmonic filter block (dilations 1 … 512,
/// 64 channels) over a whole signal, with random weights: the kernel-level part of `bench`.
struct BenchConvLayers {
    /// Channels of the NSF filter blocks.
    static let channels = 64
    /// Dilations of one harmonic block.
    static let dilations = (0..<10).map { 1 << $0 }

    let rowCount: Int
    private let weights: [PackedConvWeights]
    private let history: Int
    private let ping: AlignedFloatBuffer
    private let pong: AlignedFloatBuffer
    private let context: AlignedFloatBuffer

    /// Prepares buffers for `rowCount` rows (one row per output sample).
    init(rowCount: Int) throws(NeuroError) {
        let channels = Self.channels
        self.rowCount = rowCount
        history = 2 * (Self.dilations.last ?? 1)
        var generator = BenchRandom(seed: 0x5EED)
        weights = try Self.dilations.map { _ throws(NeuroError) in
            try PackedConvWeights(
                pytorch: (0..<(channels * channels * 3)).map { _ in generator.uniform(in: -0.1...0.1) },
                channels: channels)
        }
        ping = AlignedFloatBuffer(count: (history + rowCount) * channels)
        pong = AlignedFloatBuffer(count: (history + rowCount) * channels)
        context = AlignedFloatBuffer(count: rowCount * channels)
        for index in 0..<(rowCount * channels) {
            ping[history * channels + index] = generator.uniform(in: -1...1)
            context[index] = generator.uniform(in: -0.5...0.5)
        }
    }

    /// Floating-point operations of one pass over all layers (a multiply-add counts as 2).
    var flopsPerPass: Double {
        2 * Double(Self.channels * Self.channels * 3) * Double(rowCount) * Double(Self.dilations.count)
    }

    /// Runs all layers once and returns the elapsed seconds.
    func runPass(pool: KernelThreadPool, instructionSet: KernelInstructionSet) -> Double {
        let channels = Self.channels
        let clock = SystemClock()
        for (layer, dilation) in Self.dilations.enumerated() {
            let (source, destination) = layer.isMultiple(of: 2) ? (ping, pong) : (pong, ping)
            ConvKernels.residualDilatedConvTanh(
                input: source.baseAddress + history * channels, context: context.baseAddress,
                output: destination.baseAddress + history * channels, rowCount: rowCount, channels: channels,
                dilation: dilation, weights: weights[layer], pool: pool, instructionSet: instructionSet)
        }
        return Double(clock.nowNanoseconds()) * 1e-9
    }
}

/// Deterministic pseudo-random numbers for benchmark inputs (SplitMix64).
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A float uniform in `range`.
    mutating func uniform(in range: ClosedRange<Float>) -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let unit = Float(z >> 40) / Float(1 << 24)
        return range.lowerBound + unit * (range.upperBound - range.lowerBound)
    }
}
