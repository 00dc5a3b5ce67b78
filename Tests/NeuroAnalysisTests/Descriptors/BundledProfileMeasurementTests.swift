import Foundation
import Testing
import NeuroCore
import NeuroProfiles
import NeuroTestSupport
@testable import NeuroAnalysis

/// The bundled profile library against our own descriptors, on the kits it was measured from.
@Suite struct BundledProfileMeasurementTests {
    static let drumkits = URL(fileURLWithPath: "/usr/share/hydrogen/data/drumkits")

    /// The shipped curves are what our descriptors, with the f0 voicing of `describe --voicing hold`,
    /// measure on the source files (up to rounding).
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: drumkits.path),
            "hydrogen-drumkits is not installed (apt-get install hydrogen-drumkits)"))
    func bundledCurvesMatchOurDescriptors() throws {
        let library = try ProfileLibrary.bundled()
        let extractor = try DescriptorExtractor(settings: .profile)
        for name in ["kick-acoustic-1", "hat-closed-1", "perc-cowbell-2", "cymbal-crash-1"] {
            let entry = try #require(library.entry(named: name))
            let url = Self.drumkits.appendingPathComponent(entry.kit).appendingPathComponent(entry.source)
            let measured = try extractor.profile(of: extractor.loadSignal(from: url), name: name)
            for descriptor in Descriptor.allCases {
                let stored = entry.profile.curve(descriptor)
                let fresh = Array(measured.curve(descriptor).prefix(stored.count))
                #expect(AnalysisMetrics.relativeL2(stored, fresh) < 1e-3, "\(name) \(descriptor)")
            }
        }
    }
}
