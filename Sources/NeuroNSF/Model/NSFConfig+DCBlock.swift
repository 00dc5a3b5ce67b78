import NeuroCore

extension NSFConfig {
    /// The parameters of the DC blocker after the model, the optional `dc_block` section of a config.
    ///
    /// Like the tail gate, the blocker is a post-model stage, not part of the PyTorch forward pass:
    /// a first-order high-pass at ``cutoffHertz`` that removes the small constant offset the network
    /// leaves in its output (a default-model kick held about 0.002 of DC, −53 dBFS, in its tail) and
    /// passes the audible band (−0.2 dB at 50 Hz for a 10 Hz cutoff). It runs before the tail gate,
    /// so the gate measures the level without the offset. A config without `dc_block` (the reference
    /// model, every parity fixture) has none. See docs/MODEL.md, "The DC blocker".
    public struct DCBlock: Codable, Sendable, Equatable {
        /// The −3 dB frequency of the high-pass, in Hz (`cutoff_hz`, 1…200).
        public var cutoffHertz: Float

        /// Creates blocker parameters; ``NSFConfig/validate()`` checks the range.
        public init(cutoffHertz: Float) {
            self.cutoffHertz = cutoffHertz
        }

        enum CodingKeys: String, CodingKey {
            case cutoffHertz = "cutoff_hz"
        }

        /// Checks the cutoff is finite and in its range; the error names the key.
        func validate() throws(NeuroError) {
            guard cutoffHertz.isFinite, (1...200).contains(cutoffHertz) else {
                throw NeuroError(.invalidData, "NSF config: dc_block.cutoff_hz must be 1…200 Hz, got \(cutoffHertz)")
            }
        }
    }
}
