import Foundation
import NeuroCore

/// One layer of the frame-rate condition CNN: kernel 3, zero padding one frame each side, bias, tanh.
///
/// `out[j][o] = tanh(b[o] + Σ_k Σ_i W[o][i][k] · in[j + k − 1][i])` (SPEC §3.1), accumulated in
/// float64, tap by tap and channel by channel for every output. The weights are kept tap-major
/// (`[3][inputs][outputs]`), so one input value updates all outputs' sums at once, in the order a
/// per-output loop would add them; the tanh is ``VectorMath/tanh(inPlace:instructionSet:)``.
struct FrameConvolution: Sendable {
    /// `[3][inputs][outputs]`: PyTorch's `[outputs][inputs][3]` transposed.
    private let tapMajorWeights: [Double]
    /// `[outputs]`.
    private let bias: [Double]
    /// Input channels.
    let inputs: Int
    /// Output channels.
    let outputs: Int
    /// One frame's float64 sums, allocated once.
    private var sums: [Double]

    /// A layer of PyTorch weights `[outputs][inputs][3]` and biases `[outputs]`.
    init(weights: [Float], bias: [Float], inputs: Int, outputs: Int) {
        var tapMajor = [Double](repeating: 0, count: 3 * inputs * outputs)
        for out in 0..<outputs {
            for channel in 0..<inputs {
                for tap in 0..<3 {
                    tapMajor[(tap * inputs + channel) * outputs + out] = Double(weights[(out * inputs + channel) * 3 + tap])
                }
            }
        }
        tapMajorWeights = tapMajor
        self.bias = bias.map(Double.init)
        self.inputs = inputs
        self.outputs = outputs
        sums = Array(repeating: 0, count: outputs)
    }

    /// Convolves `frameCount` rows of `input` (row width ``inputs``) into `output` (row width ``outputs``).
    mutating func apply(_ input: [Float], frameCount: Int, into output: inout [Float]) {
        let (inputs, outputs) = (inputs, outputs)
        for frame in 0..<frameCount {
            for out in 0..<outputs {
                sums[out] = bias[out]
            }
            for tap in 0..<3 {
                let source = frame + tap - 1
                guard source >= 0, source < frameCount else { continue }
                for channel in 0..<inputs {
                    let value = Double(input[source * inputs + channel])
                    let row = (tap * inputs + channel) * outputs
                    for out in 0..<outputs {
                        sums[out] += tapMajorWeights[row + out] * value
                    }
                }
            }
            for out in 0..<outputs {
                output[frame * outputs + out] = Float(sums[out])
            }
        }
        output.withUnsafeMutableBufferPointer { values in
            VectorMath.tanh(inPlace: UnsafeMutableBufferPointer(rebasing: values[0..<frameCount * outputs]))
        }
    }
}
