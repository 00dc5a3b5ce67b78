import Foundation
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing

/// What `models inspect` reads from a TorchScript file.
extension TorchSuite {
    @Suite struct TorchInspectionTests {
        @Test func codecMethodsAttributesRateAndSpeed() throws {
            let inspection = try TorchInspection(path: TorchTestModels.codec, timedAudioSeconds: 0.05)
            #expect(inspection.methods.map(\.name) == ["encode", "decode", "forward"])
            #expect(inspection.methods.map { $0.params?.description } == ["[1, 1, 4, 64]", "[4, 64, 1, 1]", "[1, 1, 1, 1]"])
            #expect(inspection.attributes.map(\.name) == ["temperature", "name"])
            #expect(inspection.sampleRate == 22_050)
            #expect(inspection.latentSize == 4)
            #expect(inspection.speed?.method == "decode")
            #expect(inspection.speed?.blockSamples == 16 * 64)
            #expect((inspection.speed?.realTimeFactor ?? 0) > 0)
            #expect(inspection.stateBufferCount == 0)
        }

        @Test func aCachedConvolutionShowsAsStreamingState() throws {
            #expect(try TorchInspection(path: TorchTestModels.streaming, timedAudioSeconds: 0.05).stateBufferCount == 1)
        }

        @Test func aModelThatRaisesInTheTimedMethodIsAnError() {
            #expect(throws: NeuroError.self) { try TorchInspection(path: TorchTestModels.raising, timedAudioSeconds: 0.05) }
        }
    }
}
