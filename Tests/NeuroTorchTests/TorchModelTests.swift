import Foundation
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing

/// `TorchModel`: nn~ `decode` driven by latent profiles through the engine's chunked path.
extension TorchSuite {
    @Suite struct TorchModelTests {
        /// A latent profile of `frames` frames of `dimension` values, varying over time.
        private func profile(_ name: String, dimension: Int, frames: Int, phase: Float) throws -> LatentProfile {
            let values = (0..<(frames * dimension)).map { index in
                sin(Float(index / dimension) * 0.2 + Float(index % dimension) + phase)
            }
            return try LatentProfile(name: name, dimension: dimension, frameRate: 500, values: values)
        }

        /// `decode` of the latents `morph` gives for `cv`, in one call from the state at load.
        private func wholeDecode(_ model: TorchModel, _ morph: LatentMorph, cv: CVState, seed: UInt64) throws -> [Float] {
            let control = LatentCarrier.control(frameCount: morph.frameCount)
            let frames = control.frames(cv: cv)
            var input = [Float](repeating: 0, count: morph.dimension * morph.frameCount)
            for frame in 0..<morph.frameCount {
                for component in 0..<morph.dimension {
                    input[component * morph.frameCount + frame] = morph.value(
                        frame: frame, component: component, alpha: LatentCarrier.alpha(of: frames[frame]),
                        offsets: LatentCarrier.offsets(of: frames[frame]))
                }
            }
            try model.module.resetBuffers()
            TorchModule.seed(seed)
            return try model.module.call("decode", TorchTensor(shape: [1, morph.dimension, morph.frameCount], values: input)).channelMean
        }

        private func render(_ model: TorchModel, cv: CVState, seed: UInt64 = 7) throws -> [Float] {
            try ImpactRenderer.render(model: model, frames: model.latentControl.frames(cv: cv), seed: seed)
        }

        @Test func framesAreLatentFramesOfTheDecodeRatio() throws {
            let model = try TorchModel(module: TorchModule(path: TorchTestModels.streaming))
            #expect(model.sampleRate == 16_000)
            #expect(model.samplesPerFrame == 32)
            #expect(model.latentSize == 2)
            #expect(model.latentRate == 500)
        }

        @Test func chunkedStreamingOfACachedConvolutionEqualsOneWholeDecode() throws {
            let model = try TorchModel(module: TorchModule(path: TorchTestModels.streaming))
            let morph = try LatentMorph(primary: profile("a", dimension: 2, frames: 50, phase: 0))
            try model.setLatents(morph)
            let chunked = try render(model, cv: CVState())
            let whole = try wholeDecode(model, morph, cv: CVState(), seed: 7)
            #expect(chunked.count == 50 * 32)
            #expect(TensorComparison(name: "decode", actual: chunked[...], expected: whole[...]).relativeL2 < 1e-5)
            #expect(try render(model, cv: CVState()) == chunked, "every impact starts from the buffers as loaded")
        }

        @Test func morphAndCVOffsetsReachTheDecodedLatents() throws {
            let model = try TorchModel(module: TorchModule(path: TorchTestModels.codec))
            let morph = try LatentMorph(
                primary: profile("a", dimension: 4, frames: 40, phase: 0), secondary: profile("b", dimension: 4, frames: 20, phase: 2),
                offsetDimensions: [3, 1], offsetDepth: 0.5)
            try model.setLatents(morph)
            var cv = CVState()
            cv[2] = CVState.morphVoltage(alpha: 0.25)
            cv[3] = 2.5
            cv[4] = 0
            let rendered = try render(model, cv: cv, seed: 3)
            let expected = try wholeDecode(model, morph, cv: cv, seed: 3)
            #expect(TensorComparison(name: "decode", actual: rendered[...], expected: expected[...]).relativeL2 < 1e-5)
            #expect(try render(model, cv: CVState(), seed: 3) != rendered)
        }

        @Test func latentsOfAnotherSizeAreRejected() throws {
            let model = try TorchModel(module: TorchModule(path: TorchTestModels.codec))
            let wrong = try LatentMorph(primary: profile("two", dimension: 2, frames: 4, phase: 0))
            #expect(throws: NeuroError(.invalidData, "codec.ts: latent profile 'two' has 2 dimensions, the model's decode takes 4")) {
                try model.setLatents(wrong)
            }
        }

        @Test func aModelThatRaisesFailsTheRenderWithTorchsMessage() throws {
            let model = try TorchModel(module: TorchModule(path: TorchTestModels.raising))
            #expect {
                try render(model, cv: CVState())
            } throws: { error in
                let error = error as? NeuroError
                return error?.kind == .modelFailure && error?.message.contains("decode always fails") == true
            }
        }

        @Test func theEngineSchedulerPlaysATorchModel() throws {
            let model = try TorchModel(module: TorchModule(path: TorchTestModels.streaming))
            try model.setLatents(LatentMorph(primary: profile("a", dimension: 2, frames: 30, phase: 1)))
            let engine = try Engine(
                model: model, control: model.latentControl,
                configuration: Engine.Configuration(maxFramesPerImpact: 30, outputSampleRate: 16_000))
            try engine.generatePendingWork()
            #expect(engine.counters.modelFailures == 0)
            #expect(engine.currentImpactProgress?.length == 30 * 32)
            engine.handle(.gatePlay(velocity: 1))
            var period = [Float](repeating: 0, count: 512)
            var span = period.mutableSpan
            engine.render(into: &span)
            #expect(engine.counters.underruns == 0)
            #expect(period.contains { $0 != 0 })
        }
    }
}
