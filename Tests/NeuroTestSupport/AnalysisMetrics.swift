/// Error measures shared by the analysis tests.
public enum AnalysisMetrics {
    /// ‖a − b‖₂ / ‖b‖₂ in double precision (0 when both are zero).
    public static func relativeL2(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count)
        var difference = 0.0
        var norm = 0.0
        for (x, y) in zip(a, b) {
            difference += (Double(x) - Double(y)) * (Double(x) - Double(y))
            norm += Double(y) * Double(y)
        }
        return norm == 0 ? difference.squareRoot() : (difference / norm).squareRoot()
    }

    /// The fraction of finite reference values `b` that `a` matches within `relative` error.
    public static func fractionWithin(relative: Double, _ a: [Float], _ b: [Float]) -> Double {
        let pairs = zip(a, b).filter { $0.1.isFinite }
        guard !pairs.isEmpty else { return 1 }
        let close = pairs.filter { abs(Double($0.0) - Double($0.1)) <= relative * abs(Double($0.1)) }
        return Double(close.count) / Double(pairs.count)
    }
}
