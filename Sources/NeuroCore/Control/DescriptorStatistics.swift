/// Per-descriptor mean and standard deviation used to normalise controls for a model.
///
/// Every model carries its own statistics (those of its training set); nothing is hard-coded.
public struct DescriptorStatistics: Sendable, Equatable, Codable {
    /// Mean of each descriptor, in ``Descriptor`` order.
    public var mean: [Float]
    /// Standard deviation of each descriptor, in ``Descriptor`` order; all > 0.
    public var standardDeviation: [Float]

    /// The largest plausible mean or deviation.
    static let plausibleMagnitude: Float = 1e6
    /// The smallest plausible deviation.
    static let smallestDeviation: Float = 1e-6

    /// Creates statistics, checking there are seven finite means and seven finite positive
    /// deviations, all of a plausible size.
    public init(mean: [Float], standardDeviation: [Float]) throws(NeuroError) {
        let count = Descriptor.allCases.count
        guard mean.count == count, standardDeviation.count == count else {
            throw NeuroError(.invalidData, "normalisation statistics need \(count) means and \(count) deviations, got \(mean.count) and \(standardDeviation.count)")
        }
        guard mean.allSatisfy(\.isFinite), standardDeviation.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw NeuroError(.invalidData, "normalisation statistics must be finite with positive deviations")
        }
        // Descriptors live in 0…22 050 (Hz) or 0…1; statistics far outside cannot come from training
        // data and would saturate the model (a deviation of 1e-45 turns every input into ±inf).
        for (index, descriptor) in Descriptor.allCases.enumerated() {
            guard abs(mean[index]) <= Self.plausibleMagnitude, (Self.smallestDeviation...Self.plausibleMagnitude).contains(standardDeviation[index]) else {
                throw NeuroError(
                    .invalidData,
                    "normalisation statistics of \(descriptor.key): mean \(mean[index]), deviation \(standardDeviation[index]) cannot be right (expected |mean| ≤ 1e6 and a deviation of 1e-6…1e6)")
            }
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
