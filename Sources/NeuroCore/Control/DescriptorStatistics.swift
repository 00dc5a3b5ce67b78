/// Per-descriptor mean and standard deviation used to normalise controls for a model.
///
/// Every model carries its own statistics (those of its training set); nothing is hard-coded.
public struct DescriptorStatistics: Sendable, Equatable, Codable {
    /// Mean of each descriptor, in ``Descriptor`` order.
    public var mean: [Float]
    /// Standard deviation of each descriptor, in ``Descriptor`` order; all > 0.
    public var standardDeviation: [Float]

    /// Creates statistics, checking there are seven finite means and seven finite positive deviations.
    public init(mean: [Float], standardDeviation: [Float]) throws(NeuroError) {
        let count = Descriptor.allCases.count
        guard mean.count == count, standardDeviation.count == count else {
            throw NeuroError(.invalidData, "normalisation statistics need \(count) means and \(count) deviations, got \(mean.count) and \(standardDeviation.count)")
        }
        guard mean.allSatisfy(\.isFinite), standardDeviation.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw NeuroError(.invalidData, "normalisation statistics must be finite with positive deviations")
        }
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// `(value − mean) / std` for one descriptor (float32, subtract then divide, as the reference).
    @inlinable
    public func normalize(_ value: Float, _ descriptor: Descriptor) -> Float {
        (value - mean[descriptor.rawValue]) / standardDeviation[descriptor.rawValue]
    }

    /// `value · std + mean` for one descriptor.
    @inlinable
    public func denormalize(_ value: Float, _ descriptor: Descriptor) -> Float {
        value * standardDeviation[descriptor.rawValue] + mean[descriptor.rawValue]
    }
}
