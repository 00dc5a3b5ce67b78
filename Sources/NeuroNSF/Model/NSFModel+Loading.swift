import Foundation

extension NSFModel {
    /// Loads a model from a safetensors state dict and a config in the `architecture.json` format.
    ///
    /// - Throws: `.missingInput` when a file cannot be read, `.invalidData` (naming the file, key or
    ///   tensor) when the config is invalid or the weights do not match it.
    /// `threadCount` threads share each convolution layer (see ``init(config:weights:name:maxFramesPerCall:threadCount:)``).
    public convenience init(weights: URL, config: URL, maxFramesPerCall: Int = 4096, threadCount: Int = 1) throws(NeuroError) {
        let configuration = try NSFConfig(contentsOf: config)
        let file = try SafeTensorsFile(contentsOf: weights)
        try self.init(
            config: configuration, weights: file, name: weights.deletingPathExtension().lastPathComponent,
            maxFramesPerCall: maxFramesPerCall, threadCount: threadCount)
    }
}
