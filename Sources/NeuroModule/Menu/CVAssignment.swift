/// What one CV input drives and over which range; ``ModuleStatus/cvAssignments`` holds one per input.
public struct CVAssignment: Sendable, Equatable {
    /// The driven parameter.
    public var target: CVTarget
    /// The target's value at the bottom and at the top of the input's span, within ``CVTarget/rangeLimits``.
    public var range: ClosedRange<Float>

    /// An assignment of `target` over `range` (the target's whole ``CVTarget/rangeLimits`` by default).
    public init(target: CVTarget, range: ClosedRange<Float>? = nil) {
        self.target = target
        self.range = range ?? target.rangeLimits
    }

    /// The assignment the module starts with, for CV1 … CV5: free, morph, Tone, Noise, Richness.
    ///
    /// CV1 is free rather than volume so that an unpatched CV1 (0 V) does not mute the module.
    public static let standard: [CVAssignment] = [
        CVAssignment(target: .none), CVAssignment(target: .morph), CVAssignment(target: .descriptor(.rolloff)),
        CVAssignment(target: .descriptor(.flatness)), CVAssignment(target: .descriptor(.bandwidth)),
    ]
}

extension CVAssignment {
    /// ``range`` limited to the target's ``CVTarget/rangeLimits`` (a range from an older target may lie outside).
    public var limitedRange: ClosedRange<Float> { range.clamped(to: target.rangeLimits) }
}
