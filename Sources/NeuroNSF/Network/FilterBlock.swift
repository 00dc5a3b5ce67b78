import Foundation
import NeuroCore

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
    /// The vectorised feed-forward weights, when the bottleneck has the width the kernels support.
    private let dense: FilterBlockDenseWeights?

    /// Allocates the buffers for tiles of `rows` samples.
    /// `usesDenseKernels: false` forces the generic feed-forward code even where a kernel exists.
    init(weights: NSFWeights.Block, hidden: Int, rows: Int, usesDenseKernels: Bool = true) throws(NeuroError) {
        self.hidden = hidden
        self.rows = rows
        self.weights = weights
        layerBuffers = weights.dilations.map { AlignedFloatBuffer(count: (2 * $0 + rows) * hidden) }
        savedHistories = weights.dilations.map { AlignedFloatBuffer(count: 2 * $0 * hidden) }
        blockOutput = AlignedFloatBuffer(count: rows * hidden)
        bottleneck = AlignedFloatBuffer(count: rows * weights.output.count)
        excitation = AlignedFloatBuffer(count: rows)
        dense = usesDenseKernels && weights.output.count == FilterBlockDenseWeights.hiddenCount
            ? try FilterBlockDenseWeights(
                expand: weights.expansion, compress: weights.bottleneck, project: weights.output, scale: weights.scale,
                channels: hidden)
            : nil
    }

    /// Clears the history (start of an impact).
    func reset() {
        for buffer in layerBuffers {
            buffer.fill(with: 0)
        }
    }

    /// Remembers the current history of `layers` (the state at a chunk's `hop`).
    func saveState(layers: Range<Int>) {
        for layer in layers {
            savedHistories[layer].baseAddress.update(from: layerBuffers[layer].baseAddress, count: savedHistories[layer].count)
        }
    }

    /// Returns every layer to the history remembered by ``saveState(layers:)``.
    func restoreState() {
        for (buffer, saved) in zip(layerBuffers, savedHistories) {
            buffer.baseAddress.update(from: saved.baseAddress, count: saved.count)
        }
    }

    /// The number of dilated convolution layers.
    var layerCount: Int { weights.dilations.count }

    /// Does the part of filtering `count ≤ rows` samples of `input` with the context rows `context`
    /// into `output` that lies in `layers` (all of them, or a pipeline stage's share of the
    /// block); the convolutions split their rows over `pool` when one is given.
    ///
    /// A part that starts after layer 0 takes its input rows from `handoff` instead of expanding
    /// `input`; one that ends before the last layer leaves its output rows in `handoff` and writes
    /// nothing to `output`. `input` (the block's residual) is read by the first and the last part.
    /// - Precondition: `layers` lies in `0...layerCount`, and `handoff` (`rows × hidden` floats)
    ///   is given when `layers` is not all of them.
    func process(
        layers: Range<Int>, input: [Float], context: AlignedFloatBuffer, count: Int, handoff: AlignedFloatBuffer?,
        output: inout [Float], pool: KernelThreadPool?
    ) {
        let dilations = weights.dilations
        precondition(layers.lowerBound >= 0 && layers.upperBound <= dilations.count, "FilterBlock: layers \(layers)")
        func tileRows(ofLayer layer: Int) -> UnsafeMutablePointer<Float> {
            if layer == dilations.count { return blockOutput.baseAddress }
            return layerBuffers[layer].baseAddress + 2 * dilations[layer] * hidden
        }
        if layers.lowerBound == 0 {
            expand(input, into: tileRows(ofLayer: 0), count: count, pool: pool)
        } else {
            guard let handoff else { preconditionFailure("FilterBlock: layers \(layers) without a hand-over buffer") }
            tileRows(ofLayer: layers.lowerBound).update(from: handoff.baseAddress, count: count * hidden)
        }
        for layer in layers {
            let history = 2 * dilations[layer] * hidden
            let buffer = layerBuffers[layer].baseAddress
            let isPartEnd = layer + 1 == layers.upperBound && layers.upperBound < dilations.count
            guard let next = isPartEnd ? handoff?.baseAddress : tileRows(ofLayer: layer + 1) else {
                preconditionFailure("FilterBlock: layers \(layers) without a hand-over buffer")
            }
            if let pool {
                ConvKernels.residualDilatedConvTanh(
                    input: buffer + history, context: context.baseAddress, output: next, rowCount: count,
                    channels: hidden, dilation: dilations[layer], weights: weights.convolutions[layer], pool: pool)
            } else {
                ConvKernels.residualDilatedConvTanh(
                    input: buffer + history, context: context.baseAddress, output: next, rowCount: count,
                    channels: hidden, dilation: dilations[layer], weights: weights.convolutions[layer])
            }
            memmove(buffer, buffer + count * hidden, history * MemoryLayout<Float>.stride)
        }
        if layers.upperBound == dilations.count {
            compress(residual: input, into: &output, count: count, pool: pool)
        }
    }

    /// `a[t][c] = tanh(W_ff1[c] · s[t])`, the block's first layer input.
    private func expand(_ input: [Float], into first: UnsafeMutablePointer<Float>, count: Int, pool: KernelThreadPool?) {
        input.withUnsafeBufferPointer { signal in
            if let dense {
                Self.splitRows(count, over: pool) { start, rows in
                    FilterBlockKernels.expandTanh(
                        signal: signal.baseAddress! + start, output: first + start * hidden, rowCount: rows, weights: dense)
                }
            } else {
                expandGeneric(signal, into: first, count: count)
            }
        }
    }

    /// `out[t] = tanh(W_ff3 · tanh(W_ff2 · fl(scale · a[t]))) + s[t]`, the block's output.
    private func compress(residual input: [Float], into output: inout [Float], count: Int, pool: KernelThreadPool?) {
        input.withUnsafeBufferPointer { residual in
            output.withUnsafeMutableBufferPointer { result in
                if let dense {
                    Self.splitRows(count, over: pool) { start, rows in
                        FilterBlockKernels.compressTanhResidual(
                            input: blockOutput.baseAddress + start * hidden, residual: residual.baseAddress! + start,
                            output: result.baseAddress! + start, rowCount: rows, weights: dense)
                    }
                } else {
                    compressGeneric(residual: residual, into: result, count: count)
                }
            }
        }
    }

    /// Calls `body(start, rows)` for contiguous row ranges covering `0..<count`: one per thread of
    /// `pool` (ranges of whole 8-row vectors), or the whole range on the calling thread without one.
    private static func splitRows(_ count: Int, over pool: KernelThreadPool?, _ body: (Int, Int) -> Void) {
        guard let pool, pool.threadCount > 1 else {
            body(0, count)
            return
        }
        let threads = pool.threadCount
        let rowsPerThread = ((count + threads - 1) / threads + 7) / 8 * 8
        pool.parallelFor(threads) { part in
            let start = min(part * rowsPerThread, count)
            let end = min(start + rowsPerThread, count)
            if end > start {
                body(start, end - start)
            }
        }
    }

    /// `a[t][c] = tanh(W_ff1[c] · s[t])` for any width (the kernel path covers the reference widths).
    private func expandGeneric(_ signal: UnsafeBufferPointer<Float>, into first: UnsafeMutablePointer<Float>, count: Int) {
        for row in 0..<count {
            for channel in 0..<hidden {
                first[row * hidden + channel] = weights.expansion[channel] * signal[row]
            }
        }
        VectorMath.tanh(inPlace: UnsafeMutableBufferPointer(start: first, count: count * hidden))
    }

    /// `out[t] = tanh(W_ff3 · tanh(W_ff2 · fl(scale · a[t]))) + s[t]` for any bottleneck width.
    private func compressGeneric(residual: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>, count: Int) {
        let width = weights.output.count
        let result = blockOutput.baseAddress
        let compressed = bottleneck.baseAddress
        compressed.update(repeating: 0, count: count * width)
        for row in 0..<count {
            for channel in 0..<hidden {
                let value = result[row * hidden + channel] * weights.scale
                for unit in 0..<width {
                    compressed[row * width + unit] += weights.bottleneck[unit * hidden + channel] * value
                }
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
            output[row] = excitation[row] + residual[row]
        }
    }
}
