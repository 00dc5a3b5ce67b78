import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore

/// The bundled default model: it loads, is small enough, and matches PyTorch on its exported fixture.
@Suite struct DefaultModelParityTests {

    /// Multiply-adds per output sample of the reference model (SPEC.md §10, running-sum moving averages).
    static let referenceMACsPerSample = 683_104.0

    @Test func defaultModelMatchesPyTorchFixture() throws {
        let model = try DefaultNSFModel.load()
        let fixture = try NSFFixture(
            contentsOf: DefaultFixture.url, samplesPerFrame: model.samplesPerFrame, sineCount: model.config.sineCount)
        let report = try NSFVerificationReport(model: model, fixture: fixture)
        #expect(report.comparisons.count == 10)
        for comparison in report.comparisons {
            print(comparison.line)
            #expect(comparison.relativeL2 <= 1e-4, "\(comparison.line)")
        }
        #expect(report.passes)
    }

    @Test func defaultModelCostsAtMostOneTenthOfTheReference() throws {
        let config = try DefaultNSFModel.load().config
        let hidden = Double(config.hiddenDimension)
        let bottleneck = Double(config.bottleneckDimension)
        func blockCost(_ dilations: [Int]) -> Double {
            hidden + Double(dilations.count) * 3 * hidden * hidden + hidden * bottleneck + bottleneck
        }
        let filterCost = Double(config.filter.harmonicBlockCount) * blockCost(config.filter.harmonicDilations)
            + Double(config.filter.noiseBlockCount) * blockCost(config.filter.noiseDilations)
        #expect(config.hiddenDimension % 16 == 0)
        #expect(filterCost <= Self.referenceMACsPerSample / 10)
    }

    @Test func defaultModelGeneratesFiniteAudibleImpact() throws {
        let model = try DefaultNSFModel.load()
        let fixture = try NSFFixture(
            contentsOf: DefaultFixture.url, samplesPerFrame: model.samplesPerFrame, sineCount: model.config.sineCount)
        model.reset(seed: 7)
        var samples = [Float](repeating: .nan, count: fixture.frames.count * model.samplesPerFrame)
        var span = samples.mutableSpan
        try model.generate(frames: fixture.frames.span, advancing: fixture.frames.count, into: &span)
        #expect(samples.allSatisfy { $0.isFinite })
        #expect((samples.map(abs).max() ?? 0) > 0.01)
    }
}
