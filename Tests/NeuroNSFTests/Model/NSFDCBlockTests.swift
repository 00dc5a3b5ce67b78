import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroFiles
import NeuroSafeTensors

/// The `dc_block` section of an NSF config and the blocker inside ``NSFModel``.
@Suite struct NSFDCBlockTests {
    @Test func decodesRoundTripsAndIsAbsentByDefault() throws {
        let plain = try JSONDecoder().decode(NSFConfig.self, from: Data(NSFConfigTests.smallJSON.utf8))
        #expect(plain.dcBlock == nil)
        let config = try NSFConfigTests.validatedConfig(with: "\"dc_block\": {\"cutoff_hz\": 12.5},", name: "dc.json")
        #expect(config.dcBlock == NSFConfig.DCBlock(cutoffHertz: 12.5))
        let missing = NSFConfigTests.smallJSON(with: "\"dc_block\": {},")
        #expect(throws: NeuroError(.invalidData, "dc.json: missing key dc_block.cutoff_hz")) {
            try JSONFile.decode(NSFConfig.self, from: Data(missing.utf8), name: "dc.json")
        }
    }

    @Test func aBadCutoffIsRefusedNamingTheKey() {
        for cutoff in [Float(0), -5, 201, .nan, .infinity] {
            var config = SmallNSFModel.config()
            config.dcBlock = NSFConfig.DCBlock(cutoffHertz: cutoff)
            #expect(throws: NeuroError(.invalidData, "NSF config: dc_block.cutoff_hz must be 1…200 Hz, got \(cutoff)")) {
                try config.validate()
            }
        }
    }

    @Test func theModelsOutputLosesItsOffsetAndChunksStillEqualTheWholeImpact() throws {
        var config = SmallNSFModel.config()
        config.dcBlock = NSFConfig.DCBlock(cutoffHertz: 20)
        let blocked = try SmallNSFModel.model(config: config)
        let frames = NSFTailGateTests.fallingFrames(40)
        let plain = try SmallNSFModel.whole(SmallNSFModel.model(), frames, seed: 4)
        let filtered = try SmallNSFModel.whole(blocked, frames, seed: 4)
        let mean = { (samples: [Float]) in abs(samples.reduce(0) { $0 + Double($1) } / Double(samples.count)) }
        #expect(filtered != plain && filtered.allSatisfy(\.isFinite))
        #expect(mean(filtered) < mean(plain) || mean(plain) < 1e-6, "\(mean(filtered)) vs \(mean(plain))")
        try NSFTailGateTests.expectChunksEqualTheWholeImpactOutsideCrossfades(blocked, frames, seed: 4)
    }

    /// The shipped model removes DC at 10 Hz before its tail gate.
    @Test func theDefaultModelHasADCBlocker() throws {
        #expect(try DefaultNSFModel.load().config.dcBlock == NSFConfig.DCBlock(cutoffHertz: 10))
    }
}
