import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
import NeuroSafeTensors
@testable import NeuroAnalysis

/// Parity with librosa 0.11 on the four reference one-shots of ../shared/descriptors.
@Suite struct LibrosaParityTests {
    /// The reference curve name of each descriptor in the safetensors files.
    static let referenceNames: [Descriptor: String] = [
        .rms: "rms", .zcr: "zero_crossing_rate", .rolloff: "spectral_rolloff",
        .flatness: "spectral_flatness", .bandwidth: "spectral_bandwidth",
        .centroid: "spectral_centroid", .f0: "yin_f0",
    ]
    static let samples = [
        "kick_colombo_bd_normal3", "hat_forzee_closed0", "snare_millo3_sd01", "perc_gimme_cowbell_med",
    ]

    @Test(SharedReferenceData.required("descriptors"), arguments: samples)
    func curvesMatchLibrosa(sample: String) throws {
        let url = try SharedReferenceData.requiredURL("descriptors/\(sample).safetensors")
        let file = try SafeTensorsFile(contentsOf: url)
        let profile = try DescriptorExtractor().profile(of: try file.floats("signal"), name: sample)
        for descriptor in Descriptor.allCases {
            let reference = try file.floats(Self.referenceNames[descriptor]!)
            let measured = profile.curve(descriptor)
            try #require(measured.count == reference.count, "\(sample) \(descriptor): frame count")
            if descriptor == .f0 {
                let fraction = AnalysisMetrics.fractionWithin(relative: 0.01, measured, reference)
                let worst = zip(measured, reference).map { abs(Double($0) - Double($1)) / Double($1) }.max() ?? 0
                print("parity \(sample) f0: \(fraction * 100) % of frames within 1 %, worst relative error \(worst)")
                #expect(fraction >= 0.99, "\(sample) f0")
            } else {
                let error = AnalysisMetrics.relativeL2(measured, reference)
                print("parity \(sample) \(descriptor): relative L2 \(error)")
                #expect(error <= 1e-4, "\(sample) \(descriptor)")
            }
        }
    }
}
