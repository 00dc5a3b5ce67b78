import NeuroNSF
import NeuroCore

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
        var generator = SplitMix64(seed: 0x5EED)
        weights = try Self.dilations.map { _ throws(NeuroError) in
            try PackedConvWeights(
                pytorch: (0..<(channels * channels * 3)).map { _ in 0.2 * generator.nextUnitFloat() - 0.1 },
                channels: channels)
        }
        ping = AlignedFloatBuffer(count: (history + rowCount) * channels)
        pong = AlignedFloatBuffer(count: (history + rowCount) * channels)
        context = AlignedFloatBuffer(count: rowCount * channels)
        for index in 0..<(rowCount * channels) {
            ping[history * channels + index] = 2 * generator.nextUnitFloat() - 1
            context[index] = generator.nextUnitFloat() - 0.5
        }
    }

    /// Floating-point operations of one pass over all layers (a multiply-add counts as 2).
    var flopsPerPass: Double {
        2 * Double(Self.channels * Self.channels * 3) * Double(rowCount) * Double(Self.dilations.count)
    }

    /// Runs all layers once and returns its timing.
    func runPass(pool: KernelThreadPool, instructionSet: KernelInstructionSet) -> BenchTiming {
        let channels = Self.channels
        let stopwatch = BenchStopwatch(cpuScope: .process)
        for (layer, dilation) in Self.dilations.enumerated() {
            let (source, destination) = layer.isMultiple(of: 2) ? (ping, pong) : (pong, ping)
            ConvKernels.residualDilatedConvTanh(
                input: source.baseAddress + history * channels, context: context.baseAddress,
                output: destination.baseAddress + history * channels, rowCount: rowCount, channels: channels,
                dilation: dilation, weights: weights[layer], pool: pool, instructionSet: instructionSet)
        }
        return stopwatch.elapsed
    }
}
