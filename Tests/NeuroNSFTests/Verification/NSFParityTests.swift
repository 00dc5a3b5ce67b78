import Foundation
import Testing
import NeuroTestSupport
@testable import NeuroNSF
import NeuroCore

/// PyTorch parity of every intermediate on the reference fixtures (tolerances of FIXTURES.md).
@Suite struct NSFParityTests {
    /// Absolute tolerance per tensor; `nil` means relative L2 1e-4 (coefficients, context, cut-off).
    static func absoluteTolerance(_ name: String) -> Double? {
        switch name {
        case "features_normalized", "f0_upsampled", "uv", "noi_source", "sine_waves", "har_source":
            1e-6
        case _ where name.hasPrefix("cond_conv"):
            1e-6
        case _ where name.hasPrefix("har_block") || name.hasPrefix("noi_block"), "har_signal", "noi_signal", "output":
            2e-4
        default:
            nil
        }
    }

    private func check(_ report: NSFVerificationReport, expectedCount: Int) {
        #expect(report.comparisons.count == expectedCount)
        for comparison in report.comparisons {
            print(comparison.line)
            if let tolerance = Self.absoluteTolerance(comparison.name) {
                #expect(comparison.maxAbsolute <= tolerance, "\(comparison.line)")
            } else {
                #expect(comparison.relativeL2 <= 1e-4, "\(comparison.line)")
            }
        }
        #expect(report.passes)
        #expect((report.outputRelativeL2 ?? .infinity) <= 1e-4)
    }

    static let unvoicedFixture = "neurorack/fixture_ema_16f_uv.safetensors"
    static let longFixture = "neurorack/fixture_ema_64f.safetensors"

    @Test(SharedReferenceData.required(NSFReferenceData.weightsPath, NSFReferenceData.architecturePath, unvoicedFixture))
    func sixteenFrameUnvoicedFixtureMatchesEveryIntermediate() throws {
        let model = try NSFReferenceData.model()
        let fixture = try NSFReferenceData.fixture(Self.unvoicedFixture, for: model)
        check(try NSFVerificationReport(model: model, fixture: fixture), expectedCount: 24)
    }
}

extension NSFParityTests {
    @Test(SharedReferenceData.required(NSFReferenceData.weightsPath, NSFReferenceData.architecturePath, longFixture))
    func sixtyFourFrameFixtureMatchesEveryIntermediate() throws {
        let model = try NSFReferenceData.model()
        let fixture = try NSFReferenceData.fixture(Self.longFixture, for: model)
        check(try NSFVerificationReport(model: model, fixture: fixture), expectedCount: 24)
    }
}
