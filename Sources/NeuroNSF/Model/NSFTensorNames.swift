import NeuroCore
/// The state-dict tensor names and shapes an hn-sinc-NSF model of a given config must provide.
///
/// Names and layouts are those of the original PyTorch `sinc_nsf.Model` state dict
/// (`Conv1d.weight` is `[out, in, kernel]`, `Linear.weight` is `[out, in]`).
enum NSFTensorNames {
    static let inputMean = "input_mean"
    static let inputStandardDeviation = "input_std"
    static let sourceWeight = "m_source.l_linear.weight"
    static let sourceBias = "m_source.l_linear.bias"
    static let smoothingFirst = "m_cond.l_upsamp.l_ave1.weight"
    static let smoothingSecond = "m_cond.l_upsamp.l_ave2.weight"
    static let pitchSmoothingFirst = "m_cond.l_upsamp_f0_hi.l_ave1.weight"
    static let pitchSmoothingSecond = "m_cond.l_upsamp_f0_hi.l_ave2.weight"
    static let cutoffSmoothing = "m_cond.l_cut_f_smooth.weight"

    static func conditionWeight(_ layer: Int) -> String { "m_cond.l_conv1ds.\(layer).weight" }
    static func conditionBias(_ layer: Int) -> String { "m_cond.l_conv1ds.\(layer).bias" }

    /// The prefix of filter block `index` of the harmonic (`l_har_blocks`) or noise (`l_noi_blocks`) branch.
    static func blockPrefix(harmonic: Bool, _ index: Int) -> String {
        "m_filter.\(harmonic ? "l_har_blocks" : "l_noi_blocks").\(index)."
    }

    /// Every tensor the forward pass reads, with its shape (extra tensors such as `output_mean` are allowed).
    static func expectedShapes(for config: NSFConfig) -> [(name: String, shape: [Int])] {
        let hidden = config.hiddenDimension
        let input = config.inputDimension
        var shapes: [(name: String, shape: [Int])] = [
            (inputMean, [input]), (inputStandardDeviation, [input]),
            (sourceWeight, [1, config.sineCount]), (sourceBias, [1]),
            (smoothingFirst, [hidden, 1, config.resolvedSmoothingLength]),
            (smoothingSecond, [hidden, 1, config.resolvedSmoothingLength]),
            (pitchSmoothingFirst, [1, 1, config.resolvedSmoothingLength]),
            (pitchSmoothingSecond, [1, 1, config.resolvedSmoothingLength]),
            (cutoffSmoothing, [1, 1, config.resolvedCutoffSmoothingLength]),
        ]
        for layer in 0..<config.condition.convolutionLayers {
            shapes.append((conditionWeight(layer), [hidden, layer == 0 ? input : hidden, 3]))
            shapes.append((conditionBias(layer), [hidden]))
        }
        let branches = [
            (true, config.filter.harmonicBlockCount, config.filter.harmonicDilations.count),
            (false, config.filter.noiseBlockCount, config.filter.noiseDilations.count),
        ]
        for (harmonic, blockCount, convolutionCount) in branches {
            for block in 0..<blockCount {
                let prefix = blockPrefix(harmonic: harmonic, block)
                shapes.append((prefix + "scale", [1]))
                shapes.append((prefix + "l_ff_1.weight", [hidden, 1]))
                for layer in 0..<convolutionCount {
                    shapes.append((prefix + "l_convs.\(layer).weight", [hidden, hidden, 3]))
                }
                shapes.append((prefix + "l_ff_2.weight", [config.bottleneckDimension, hidden]))
                shapes.append((prefix + "l_ff_3.weight", [1, config.bottleneckDimension]))
            }
        }
        return shapes
    }
}
