import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroFiles
import NeuroSafeTensors

/// The `end_fade` section of an NSF config and the fade that ends every impact.
@Suite struct NSFEndFadeTests {
    @Test func decodesValidatesAndIsAbsentByDefault() throws {
        let plain = try JSONDecoder().decode(NSFConfig.self, from: Data(NSFConfigTests.smallJSON.utf8))
        #expect(plain.endFade == nil)
        let config = try NSFConfigTests.validatedConfig(with: "\"end_fade\": {\"samples\": 128},", name: "fade.json")
        #expect(config.endFade == NSFConfig.EndFade(samples: 128))
        for samples in [0, -1, 4097] {
            var bad = SmallNSFModel.config()
            bad.endFade = NSFConfig.EndFade(samples: samples)
            #expect(throws: NeuroError(.invalidData, "NSF config: end_fade.samples must be 1…4096, got \(samples)")) {
                try bad.validate()
            }
        }
    }

    @Test func onlyTheLastSamplesOfTheImpactFadeToZeroAndChunksStillEqualTheWholeImpact() throws {
        var config = SmallNSFModel.config()
        config.endFade = NSFConfig.EndFade(samples: 100)
        let faded = try SmallNSFModel.model(config: config)
        let frames = SmallNSFModel.impactFrames(40)
        let plain = try SmallNSFModel.whole(SmallNSFModel.model(), frames, seed: 8)
        let ended = try SmallNSFModel.whole(faded, frames, seed: 8)
        let start = plain.count - 100
        #expect(ended[..<start] == plain[..<start])
        #expect(ended.last == 0 && abs(plain[plain.count - 1]) > 0)
        #expect((start..<plain.count).allSatisfy { abs(ended[$0]) <= abs(plain[$0]) })
        #expect(abs(ended[start] / plain[start] - 1) < 1e-3, "the fade starts at 1")
        try NSFTailGateTests.expectChunksEqualTheWholeImpactOutsideCrossfades(faded, frames, seed: 8)
    }

    /// The shipped model ends every impact with a 256-sample fade.
    @Test func theDefaultModelEndsItsImpactsWithAFade() throws {
        #expect(try DefaultNSFModel.load().config.endFade == NSFConfig.EndFade(samples: 256))
    }
}
