import Foundation

/// How far one computed tensor is from its reference.
public struct TensorComparison: Sendable, Equatable {
    /// The tensor (or method) name.
    public let name: String
    /// `‖actual − expected‖₂ / ‖expected‖₂` (the plain norm of the difference when the reference is zero).
    public let relativeL2: Double
    /// `max |actual − expected|`.
    public let maxAbsolute: Double
    /// The number of compared values.
    public let count: Int

    /// Compares two equally long sequences.
    public init(name: String, actual: ArraySlice<Float>, expected: ArraySlice<Float>) {
        var difference = 0.0
        var reference = 0.0
        var largest = 0.0
        for (a, e) in zip(actual, expected) {
            let delta = Double(a) - Double(e)
            difference += delta * delta
            reference += Double(e) * Double(e)
            largest = max(largest, abs(delta).isNaN ? .infinity : abs(delta))
        }
        self.name = name
        let relative = reference > 0 ? (difference / reference).squareRoot() : difference.squareRoot()
        relativeL2 = relative.isNaN ? .infinity : relative
        maxAbsolute = largest
        count = min(actual.count, expected.count)
    }

    /// `NAME rel_l2=X max_abs=Y`, the line `neurorack-run verify-nsf` and `verify-torch` print.
    public var line: String {
        "\(name) rel_l2=\(String(format: "%.3e", relativeL2)) max_abs=\(String(format: "%.3e", maxAbsolute))"
    }
}
