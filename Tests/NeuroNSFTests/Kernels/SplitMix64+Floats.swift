import NeuroCore

/// Uniform pseudo-random floats for kernel tests.
extension SplitMix64 {
    /// A float uniform in `range`.
    mutating func float(in range: ClosedRange<Float>) -> Float {
        range.lowerBound + nextUnitFloat() * (range.upperBound - range.lowerBound)
    }

    /// `count` floats uniform in `range`.
    mutating func floats(_ count: Int, in range: ClosedRange<Float>) -> [Float] {
        (0..<count).map { _ in float(in: range) }
    }
}
