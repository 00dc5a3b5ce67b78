import NeuroCore

extension NSFConfig {
    /// The fade that ends every impact, the optional `end_fade` section of a config.
    ///
    /// A post-model stage like the DC blocker and the tail gate: the call that ends an impact
    /// (`hop` equal to its frame count) multiplies its last ``samples`` samples by a cos² ramp
    /// from 1 down to 0 at the impact's last sample. A profile whose request ends above silence
    /// (a short recording such as `perc-cowbell-1`, which stops 28 dB below its peak, or a morph
    /// with one) then stops without a click; an impact that has died away is unchanged by it.
    /// A config without `end_fade` (the reference model, every parity fixture) has none.
    public struct EndFade: Codable, Sendable, Equatable {
        /// The length of the fade in samples (`samples`, 1…4096).
        public var samples: Int

        /// Creates fade parameters; ``NSFConfig/validate()`` checks the range.
        public init(samples: Int) {
            self.samples = samples
        }

        /// Checks the length is in its range; the error names the key.
        func validate() throws(NeuroError) {
            guard (1...4096).contains(samples) else {
                throw NeuroError(.invalidData, "NSF config: end_fade.samples must be 1…4096, got \(samples)")
            }
        }
    }
}
