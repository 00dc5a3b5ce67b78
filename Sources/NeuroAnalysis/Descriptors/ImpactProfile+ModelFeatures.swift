import NeuroCore
extension ImpactProfile {
    /// The frames exactly as the original Neurorack model was trained on them.
    ///
    /// The original feature pipeline (SPEC.md §2) drops the last frame of the librosa curves and
    /// replaces every NaN by 1; this is that variant of `frames`. A one-frame profile keeps its frame.
    public var modelFeatures: [ControlFrame] {
        let kept = frames.count > 1 ? frames.dropLast() : frames[...]
        return kept.map { frame in
            var cleaned = frame
            for descriptor in Descriptor.allCases where cleaned[descriptor].isNaN {
                cleaned[descriptor] = 1
            }
            return cleaned
        }
    }
}
