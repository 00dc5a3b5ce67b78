/// Which control each of the five CV inputs drives, and over which range: the module's CV assignment.
///
/// An input either morphs between the two profiles, scales one descriptor along the whole
/// curve, or does nothing. The input's voltage is mapped linearly onto the target's range over
/// the target's span (morph: −4…+4 V, scale: 0…4 V) and clamped there; an unpatched input is
/// neutral (morph: the middle of its range, scale: ×1). ``standard`` is the original module's
/// assignment: CV2 morphs 0…1, CV3–CV5 scale Tone, Noise and Richness by 0…4.
public struct CVModulation: Sendable, Equatable {
    /// What one input drives.
    public enum Target: Sendable, Equatable {
        /// Nothing (the input is read but ignored by the latent control).
        case none
        /// The morph position α between F0 and F1.
        case morph
        /// A multiplier on one descriptor along the whole curve.
        case scale(Descriptor)
    }

    /// One input's assignment.
    public struct Assignment: Sendable, Equatable {
        /// The control the input drives.
        public var target: Target
        /// The value at the low and at the high end of the target's voltage span.
        public var range: ClosedRange<Float>

        /// Creates an assignment.
        public init(target: Target, range: ClosedRange<Float>) {
            self.target = target
            self.range = range
        }
    }

    /// The voltage span a morph input is mapped over.
    public static let morphSpan: ClosedRange<Float> = -4...4
    /// The voltage span a scaling input is mapped over.
    public static let scaleSpan: ClosedRange<Float> = 0...4
    /// The values a scaling range may take (a multiplier).
    public static let scaleLimits: ClosedRange<Float> = 0...16

    /// The assignments of inputs 1…5, in order.
    public private(set) var assignments: [Assignment]

    /// Creates the modulation from five assignments (inputs 1…5).
    ///
    /// - Throws: `.invalidData` naming the input when there are not five assignments, a range
    ///   is not finite, a morph range leaves 0…1, a scale range leaves ``scaleLimits``, or two
    ///   inputs morph.
    public init(_ assignments: [Assignment]) throws(NeuroError) {
        guard assignments.count == CVState.inputCount else {
            throw NeuroError(.invalidData, "CV assignment: expected \(CVState.inputCount) inputs, got \(assignments.count)")
        }
        for (offset, assignment) in assignments.enumerated() {
            let range = assignment.range
            guard range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw NeuroError(.invalidData, "CV assignment: CV\(offset + 1) range must be finite, got \(range)")
            }
            switch assignment.target {
            case .none:
                break
            case .morph:
                guard range.lowerBound >= 0, range.upperBound <= 1 else {
                    throw NeuroError(.invalidData, "CV assignment: CV\(offset + 1) morph range must lie in 0…1, got \(range)")
                }
            case .scale:
                guard Self.scaleLimits.contains(range.lowerBound), Self.scaleLimits.contains(range.upperBound) else {
                    throw NeuroError(
                        .invalidData, "CV assignment: CV\(offset + 1) scale range must lie in \(Self.scaleLimits), got \(range)")
                }
            }
        }
        guard assignments.filter({ $0.target == .morph }).count <= 1 else {
            throw NeuroError(.invalidData, "CV assignment: only one input can morph")
        }
        self.assignments = assignments
    }

    /// The original module's assignment: CV1 free, CV2 morph, CV3–CV5 scale Tone, Noise, Richness.
    public static var standard: CVModulation {
        var assignments = [Assignment](repeating: Assignment(target: .none, range: 0...1), count: CVState.inputCount)
        assignments[1] = Assignment(target: .morph, range: 0...1)
        for (input, descriptor) in LatentControl.scaledDescriptors {
            assignments[input - 1] = Assignment(target: .scale(descriptor), range: scaleSpan)
        }
        return try! CVModulation(assignments)
    }

    /// The assignment of input `index` (1…5).
    public subscript(input index: Int) -> Assignment {
        precondition((1...CVState.inputCount).contains(index), "CV inputs are numbered 1…5")
        return assignments[index - 1]
    }

    /// The morph position for `cv`: from the morph input, 0.5 of its range when unpatched; `nil`
    /// when no input morphs.
    public func morph(for cv: CVState) -> Float? {
        guard let index = assignments.firstIndex(where: { $0.target == .morph }) else { return nil }
        let range = assignments[index].range
        guard let volts = cv[index + 1] else { return (range.lowerBound + range.upperBound) / 2 }
        return Self.map(volts, over: Self.morphSpan, onto: range)
    }

    /// Applies the scaling inputs of `cv` to `frame`.
    public func scale(_ frame: inout ControlFrame, for cv: CVState) {
        for (offset, assignment) in assignments.enumerated() {
            guard case .scale(let descriptor) = assignment.target, let volts = cv[offset + 1] else { continue }
            frame[descriptor] *= Self.map(volts, over: Self.scaleSpan, onto: assignment.range)
        }
    }

    /// `volts` mapped linearly from `span` onto `range`, clamped to the span.
    private static func map(_ volts: Float, over span: ClosedRange<Float>, onto range: ClosedRange<Float>) -> Float {
        let position = (min(max(volts, span.lowerBound), span.upperBound) - span.lowerBound) / (span.upperBound - span.lowerBound)
        return range.lowerBound + (range.upperBound - range.lowerBound) * position
    }
}
