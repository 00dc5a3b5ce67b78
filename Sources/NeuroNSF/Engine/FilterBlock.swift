import Foundation

/// One neural filter block (SPEC §5.1), processed tile by tile with per-layer history.
///
/// Each dilated convolution layer owns a buffer of `2·d + rows` time rows: the last `2·d` rows of
/// its input seen so far (zeros at the start of an impact), then the current tile. The layer
/// before writes its output straight into the tile part, and after the layer runs the history
/// is shifted, so nothing longer than a tile is ever materialised. A snapshot of the histories
/// lets a chunked caller rewind to the state at `hop`.
struct FilterBlock: Sendable {
    let hidden: Int
    let rows: Int
    let weights: NSFWeights.Block
    private let layerBuffers: [AlignedFloatBuffer]
    private let savedHistories: [AlignedFloatBuffer]
    private let blockOutput: AlignedFloatBuffer
    private let bottleneck: AlignedFloatBuffer
    private let excitation: AlignedFloatBuffer

    /// Allocates the buffers for tiles of `rows` samples.
    init(weights: NSFWeights.Block, hidden: Int, rows: Int) {
        self.hidden = hidden
        self.rows = rows
        self.weights = weights
        layerBuffers = weights.dilations.map { AlignedFloatBuffer(count: (2 * $0 + rows) * hidden) }
        savedHistories = weights.dilations.map { AlignedFloatBuffer(count: 2 * $0 * hidden) }
        blockOutput = AlignedFloatBuffer(count: rows * hidden)
        bottleneck = AlignedFloatBuffer(count: rows * weights.output.count)
        excitation = AlignedFloatBuffer(count: rows)
    }

    /// Clears the history (start of an impact).
    func reset() {
        for buffer in layerBuffers {
            buffer.fill(with: 0)
        }
    }

    /// Remembers the current history (the state at a chunk's `hop`).
    func saveState() {
        for (buffer, saved) in zip(layerBuffers, savedHistories) {
            saved.baseAddress.update(from: buffer.baseAddress, count: saved.count)
        }
    }

    /// Returns to the history remembered by ``saveState()``.
    func restoreState() {
        for (buffer, saved) in zip(layerBuffers, savedHistories) {
            buffer.baseAddress.update(from: saved.baseAddress, count: saved.count)
        }
    }

    /// Filters `count ≤ rows` samples of `input` with the context rows `context` into `output`.
    func process(input: [Float], context: AlignedFloatBuffer, count: Int, output: inout [Float]) {
        let dilations = weights.dilations
        let first = dilations.isEmpty ? blockOutput.baseAddress : layerBuffers[0].baseAddress + 2 * dilations[0] * hidden
        for row in 0..<count {
            let value = input[row]
            for channel in 0..<hidden {
                first[row * hidden + channel] = weights.expansion[channel] * value
            }
        }
        VectorMath.tanh(inPlace: UnsafeMutableBufferPointer(start: first, count: count * hidden))

        for layer in dilations.indices {
            let history = 2 * dilations[layer] * hidden
            let buffer = layerBuffers[layer].baseAddress
            let next = layer + 1 < dilations.count
                ? layerBuffers[layer + 1].baseAddress + 2 * dilations[layer + 1] * hidden : blockOutput.baseAddress
            ConvKernels.residualDilatedConvTanh(
                input: buffer + history, context: context.baseAddress, output: next, rowCount: count,
                channels: hidden, dilation: dilations[layer], weights: weights.convolutions[layer])
            memmove(buffer, buffer + count * hidden, history * MemoryLayout<Float>.stride)
        }

        let width = weights.output.count
        let result = blockOutput.baseAddress
        let compressed = bottleneck.baseAddress
        for row in 0..<count {
            for channel in 0..<hidden {
                result[row * hidden + channel] *= weights.scale
            }
            for unit in 0..<width {
                var sum: Float = 0
                for channel in 0..<hidden {
                    sum += weights.bottleneck[unit * hidden + channel] * result[row * hidden + channel]
                }
                compressed[row * width + unit] = sum
            }
        }
        VectorMath.tanh(inPlace: UnsafeMutableBufferPointer(start: compressed, count: count * width))
        let excitation = excitation.baseAddress
        for row in 0..<count {
            var sum: Float = 0
            for unit in 0..<width {
                sum += weights.output[unit] * compressed[row * width + unit]
            }
            excitation[row] = sum
        }
        VectorMath.tanh(inPlace: UnsafeMutableBufferPointer(start: excitation, count: count))
        for row in 0..<count {
            output[row] = excitation[row] + input[row]
        }
    }
}
