import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// The verdict `neurorack-run verify-nsf` prints, on the bundled default model's fixture.
@Suite struct NSFVerificationReportTests {

    /// The default fixture with `output` multiplied by `gain`, written to a temporary file.
    private func fixture(outputGain gain: Float, for model: NSFModel) throws -> NSFFixture {
        let original = try SafeTensorsFile(contentsOf: DefaultFixture.url)
        var writer = SafeTensorsWriter()
        for name in original.names {
            let entry = try original.entry(name)
            if entry.dtype == .int64 {
                writer.add(name, shape: entry.shape, int64s: try original.int64s(name))
            } else {
                let values = try original.floats(name)
                writer.add(name, shape: entry.shape, floats: name == "output" ? values.map { $0 * gain } : values)
            }
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fixture-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.write(to: url)
        return try NSFFixture(contentsOf: url, samplesPerFrame: model.samplesPerFrame, sineCount: model.config.sineCount)
    }

    @Test func passesOnTheExportedFixtureAndPrintsOneLinePerTensor() throws {
        let model = try DefaultNSFModel.load()
        let report = try NSFVerificationReport(model: model, fixture: fixture(outputGain: 1, for: model))
        #expect(report.passes)
        #expect(report.lines.count == report.comparisons.count + 1)
        #expect(report.lines.first?.hasPrefix("cond_conv2 rel_l2=") == true)
        #expect(report.lines.last?.hasPrefix("max rel_l2=") == true)
        #expect(report.maxRelativeL2 <= 1e-4)
    }

    @Test func failsWhenTheOutputIsOff() throws {
        let model = try DefaultNSFModel.load()
        let report = try NSFVerificationReport(model: model, fixture: fixture(outputGain: 1.001, for: model))
        #expect(!report.passes)
        let output = try #require(report.outputRelativeL2)
        #expect(abs(output - 1e-3) < 1e-4)
    }

    @Test func comparisonLineFormat() {
        let comparison = NSFTensorComparison(name: "x", actual: [1, 2, 2], expected: [1, 2, 3])
        #expect(comparison.line == "x rel_l2=2.673e-01 max_abs=1.000e+00")
        #expect(NSFTensorComparison(name: "nan", actual: [.nan], expected: [1]).relativeL2 == .infinity)
    }
}
