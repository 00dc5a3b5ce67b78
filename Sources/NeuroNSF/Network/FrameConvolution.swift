import Foundation
import NeuroCore

/// One layer of the frame-rate condition CNN: kernel 3, zero padding one frame each side, bias, tanh.
///
/// `out[j][o] = tanh(b[o] + Σ_i Σ_k W[o][i][k] · in[j + k − 1][i])` (SPEC §3.1), accumulated in float64.
struct FrameConvolution: Sendable {
    /// `[outputs][inputs][3]` row-major, PyTorch layout.
    let weights: [Float]
    /// `[outputs]`.
    let bias: [Float]
    /// Input channels.
    let inputs: Int
    /// Output channels.
    let outputs: Int

    /// Convolves `frameCount` rows of `input` (row width ``inputs``) into `output` (row width ``outputs``).
    func apply(_ input: [Float], frameCount: Int, into output: inout [Float]) {
        for frame in 0..<frameCount {
            for out in 0..<outputs {
                var sum = Double(bias[out])
                for tap in 0..<3 {
                    let source = frame + tap - 1
                    guard source >= 0, source < frameCount else { continue }
                    for channel in 0..<inputs {
                        sum += Double(weights[(out * inputs + channel) * 3 + tap]) * Double(input[source * inputs + channel])
                    }
                }
                output[frame * outputs + out] = tanh(Float(sum))
            }
        }
    }
}
