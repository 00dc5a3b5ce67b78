import Foundation
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing

/// `encode` of audio into latent profiles and `forward` of audio, in blocks.
extension TorchSuite {
    @Suite struct TorchCodecTests {
        private let signal = (0..<1000).map { sin(Float($0) * 0.05) * Float(1000 - $0) / 1000 }

        @Test func latentProfileIsEncodeFrameByFrame() throws {
            let module = try TorchModule(path: TorchTestModels.codec)
            var codec = try TorchCodec(module: module)
            codec.blockSamples = 150
            let profile = try codec.latentProfile(of: signal, name: "hit")
            #expect(profile.dimension == 4)
            #expect(profile.frameCount == 16)
            #expect(profile.frameRate == 22_050.0 / 64)
            let padded = signal + [Float](repeating: 0, count: 1024 - signal.count)
            let whole = try module.call("encode", TorchTensor(channels: [padded]))
            for frame in [0, 7, 15] {
                for component in 0..<4 {
                    #expect(abs(profile.value(frame: frame, component: component) - whole.channel(component)[whole.channel(component).startIndex + frame]) < 1e-6)
                }
            }
        }

        @Test func forwardKeepsTheInputLength() throws {
            let codec = try TorchCodec(module: TorchModule(path: TorchTestModels.codec))
            TorchModule.seed(1)
            let first = try codec.forward(signal)
            TorchModule.seed(1)
            #expect(first.count == signal.count)
            #expect(try codec.forward(signal) == first)
            #expect(first.contains { $0 != 0 })
        }

        @Test func methodsThatAreNotAudioInAreRejected() throws {
            let streaming = try TorchCodec(module: TorchModule(path: TorchTestModels.streaming))
            #expect(throws: NeuroError.self) { try streaming.forward(signal) }
            let codec = try TorchCodec(module: TorchModule(path: TorchTestModels.codec))
            #expect(throws: NeuroError.self) { try codec.latentProfile(of: [], name: "empty") }
        }
    }
}
