import NeuroCore

extension NSFConfig {
    /// The parameters of the loudness-following tail gate, the optional `tail_gate` section of a config.
    ///
    /// The gate is a post-model stage, not part of the PyTorch forward pass: it only ever
    /// attenuates, and only where the requested loudness (a frame's raw `rms` control) has fallen
    /// at least ``thresholdDecibels`` below the impact's running peak and the model still produces
    /// more than ``marginDecibels`` above the request. There it pulls the produced level down to
    /// the request plus the margin, engaging gradually over ``kneeDecibels`` below the threshold,
    /// with a gain that glides linearly from frame to frame. A config without `tail_gate` (the
    /// reference model, every parity fixture) has no gate. See docs/MODEL.md, "The tail gate".
    public struct TailGate: Codable, Sendable, Equatable {
        /// How far below the running peak of the requested rms the gate starts to act, in dB
        /// (`threshold_db`, 0…120).
        public var thresholdDecibels: Float
        /// The range below the threshold over which the gate goes from no effect to full effect,
        /// in dB (`knee_db`, 0…60; 0 switches it fully on at the threshold).
        public var kneeDecibels: Float
        /// How far the produced rms may exceed the requested rms before the gate attenuates, in dB
        /// (`margin_db`, 0…40).
        public var marginDecibels: Float

        /// Creates gate parameters; ``NSFConfig/validate()`` checks their ranges.
        public init(thresholdDecibels: Float, kneeDecibels: Float, marginDecibels: Float) {
            self.thresholdDecibels = thresholdDecibels
            self.kneeDecibels = kneeDecibels
            self.marginDecibels = marginDecibels
        }

        enum CodingKeys: String, CodingKey {
            case thresholdDecibels = "threshold_db"
            case kneeDecibels = "knee_db"
            case marginDecibels = "margin_db"
        }

        /// Checks every parameter is finite and in its range; the error names the key.
        func validate() throws(NeuroError) {
            for (key, value, range) in [
                ("threshold_db", thresholdDecibels, Float(0)...120), ("knee_db", kneeDecibels, 0...60),
                ("margin_db", marginDecibels, 0...40),
            ] where !(value.isFinite && range.contains(value)) {
                throw NeuroError(
                    .invalidData,
                    "NSF config: tail_gate.\(key) must be \(Int(range.lowerBound))…\(Int(range.upperBound)) dB, got \(value)")
            }
        }
    }
}
