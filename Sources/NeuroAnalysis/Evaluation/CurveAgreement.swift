import NeuroCore
/// How well produced descriptor values follow requested ones: Pearson correlation and
/// relative error, accumulated pair by pair in double precision.
///
/// - Pearson r = cov(requested, produced) / (σ_requested · σ_produced): does the produced
///   curve move with the request (1 = perfectly, 0 = not at all)? Undefined (`nil`) when either
///   side is constant.
/// - Relative error = ‖produced − requested‖₂ / ‖requested‖₂: how far the values land from the
///   request, as a fraction of its size. Undefined (`nil`) when the request is all zeros.
public struct CurveAgreement: Sendable, Equatable {
    /// Pairs accumulated.
    public private(set) var count = 0
    private var sumRequested = 0.0
    private var sumProduced = 0.0
    private var sumRequestedSquared = 0.0
    private var sumProducedSquared = 0.0
    private var sumCross = 0.0
    private var sumErrorSquared = 0.0

    /// No pairs yet.
    public init() {}

    /// Adds one pair (ignored unless both values are finite).
    public mutating func add(requested: Float, produced: Float) {
        guard requested.isFinite, produced.isFinite else { return }
        let (x, y) = (Double(requested), Double(produced))
        count += 1
        sumRequested += x
        sumProduced += y
        sumRequestedSquared += x * x
        sumProducedSquared += y * y
        sumCross += x * y
        sumErrorSquared += (y - x) * (y - x)
    }

    /// Adds every pair of `other`.
    public mutating func merge(_ other: CurveAgreement) {
        count += other.count
        sumRequested += other.sumRequested
        sumProduced += other.sumProduced
        sumRequestedSquared += other.sumRequestedSquared
        sumProducedSquared += other.sumProducedSquared
        sumCross += other.sumCross
        sumErrorSquared += other.sumErrorSquared
    }

    /// The Pearson correlation, or `nil` with fewer than two pairs or a constant side.
    public var pearson: Double? {
        guard count >= 2 else { return nil }
        let n = Double(count)
        let covariance = sumCross - sumRequested * sumProduced / n
        let varianceRequested = sumRequestedSquared - sumRequested * sumRequested / n
        let varianceProduced = sumProducedSquared - sumProduced * sumProduced / n
        let scale = max(sumRequestedSquared, sumProducedSquared) * 1e-12
        guard varianceRequested > scale, varianceProduced > scale else { return nil }
        return min(max(covariance / (varianceRequested * varianceProduced).squareRoot(), -1), 1)
    }

    /// The relative L2 error, or `nil` when there are no pairs or the request is all zeros.
    public var relativeError: Double? {
        guard count > 0, sumRequestedSquared > 0 else { return nil }
        return (sumErrorSquared / sumRequestedSquared).squareRoot()
    }
}
