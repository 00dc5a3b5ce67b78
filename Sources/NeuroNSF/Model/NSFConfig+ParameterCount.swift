import NeuroCore
extension NSFConfig {
    /// The number of trained weights of a model with this config.
    ///
    /// Counts the elements of every tensor the forward pass reads except the constants: the
    /// normalisation statistics (`input_mean`, `input_std`), the uniform moving-average kernels
    /// and the blocks' fixed `scale`. That is PyTorch's count of trainable parameters, the
    /// `n_params_trainable` of an exported `architecture.json` (708 594 for the reference model).
    public var trainableParameterCount: Int {
        let constants: Set<String> = [
            NSFTensorNames.inputMean, NSFTensorNames.inputStandardDeviation,
            NSFTensorNames.smoothingFirst, NSFTensorNames.smoothingSecond,
            NSFTensorNames.pitchSmoothingFirst, NSFTensorNames.pitchSmoothingSecond, NSFTensorNames.cutoffSmoothing,
        ]
        return NSFTensorNames.expectedShapes(for: self)
            .filter { !constants.contains($0.name) && !$0.name.hasSuffix(".scale") }
            .reduce(0) { $0 + $1.shape.reduce(1, *) }
    }
}
