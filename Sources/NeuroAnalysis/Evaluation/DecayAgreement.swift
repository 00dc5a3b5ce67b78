import Foundation
import NeuroCore

/// Whether an impact's level and noisiness follow the request: loudness in dB, the decay tail and
/// the flatness ratio (the definitions of issue 14, pooled over frames).
///
/// - **r loudness dB**: Pearson r of requested and produced rms in dB, rms floored at
///   ``loudnessFloor`` (1e-5), on every frame. rms's plain Pearson r is dominated by the loudest
///   frames; in dB the decay counts as much as the attack.
/// - **tail dB**: the median, over the frames whose requested rms is below ``tailFraction`` (1/100)
///   of the case's loudest requested frame, of produced dB − requested dB (rms floored at
///   ``tailFloor``, 1e-6). Above 0 the output hums on where the hit has died away.
/// - **flatness ratio**: the median, over the frames within 20 dB of the loudest requested frame
///   (rms ≥ ``loudFraction`` of it) whose requested flatness is positive, of produced / requested
///   spectral flatness. Above 1 the output is noisier than asked, below 1 more tonal.
public struct DecayAgreement: Sendable, Equatable {
    /// The floor of the rms values compared in dB by the loudness correlation.
    public static let loudnessFloor = 1e-5
    /// The floor of the rms values compared in dB in the tail.
    public static let tailFloor = 1e-6
    /// Frames below this fraction (−40 dB) of the loudest requested rms are the tail.
    public static let tailFraction = 0.01
    /// Frames at or above this fraction (−20 dB) of the loudest requested rms are loud.
    public static let loudFraction = 0.1

    /// Requested against produced rms in dB.
    public private(set) var loudness = CurveAgreement()
    /// produced dB − requested dB of every tail frame.
    public private(set) var tailDifferences: [Double] = []
    /// produced / requested flatness of every loud frame.
    public private(set) var flatnessRatios: [Double] = []

    /// No frames yet.
    public init() {}

    /// Adds the frames of one case (pairs beyond the shorter side are ignored, non-finite ones skipped).
    public mutating func add(requested: [ControlFrame], produced: [ControlFrame]) {
        let loudest = Double(requested.map(\.rms).filter(\.isFinite).max() ?? 0)
        for (wanted, got) in zip(requested, produced) where wanted.rms.isFinite && got.rms.isFinite {
            let (want, have) = (Double(wanted.rms), Double(got.rms))
            loudness.add(requested: Float(Self.decibels(want, floor: Self.loudnessFloor)),
                         produced: Float(Self.decibels(have, floor: Self.loudnessFloor)))
            if want < Self.tailFraction * loudest {
                tailDifferences.append(Self.decibels(have, floor: Self.tailFloor) - Self.decibels(want, floor: Self.tailFloor))
            } else if want >= Self.loudFraction * loudest, wanted.flatness > 0, got.flatness.isFinite {
                flatnessRatios.append(Double(got.flatness) / Double(wanted.flatness))
            }
        }
    }

    /// Adds every frame of `other`.
    public mutating func merge(_ other: DecayAgreement) {
        loudness.merge(other.loudness)
        tailDifferences += other.tailDifferences
        flatnessRatios += other.flatnessRatios
    }

    /// r loudness dB, or `nil` when undefined (see ``CurveAgreement/pearson``).
    public var loudnessPearson: Double? { loudness.pearson }
    /// tail dB, or `nil` without tail frames.
    public var tailDecibels: Double? { Self.median(tailDifferences) }
    /// The flatness ratio, or `nil` without loud frames.
    public var flatnessRatio: Double? { Self.median(flatnessRatios) }

    /// `20·log10(max(value, floor))`.
    static func decibels(_ value: Double, floor: Double) -> Double { 20 * log10(max(value, floor)) }

    /// The median (mean of the two middle values for an even count), `nil` when empty.
    static func median(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
