import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// A small model forced onto the frame pipeline: cheap enough for ThreadSanitizer (`.ci/run`),
/// which checks that the stages touch only their own state and their frame's slot.
@Suite struct NSFPipelineTests {
    @Test(arguments: [2, 4])
    func aPipelinedSmallModelSoundsTheSameBitForBit(threadCount: Int) throws {
        let config = SmallNSFModel.config()
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "small.safetensors")
        let single = try NSFModel(config: config, weights: file, maxFramesPerCall: 64)
        let piped = try NSFModel(
            config: config, weights: file, name: "small", maxFramesPerCall: 64, threadCount: threadCount,
            usesDenseKernels: true, sharing: .framePipeline)
        #expect(piped.threadSharing == .framePipeline && piped.stagePlan.stages.count == threadCount)
        let frames = SmallNSFModel.impactFrames(24)
        #expect(try SmallNSFModel.whole(piped, frames, seed: 2) == SmallNSFModel.whole(single, frames, seed: 2))
        for plan in [ChunkPlan.streaming(for: single), try ChunkPlan(framesPerChunk: 7, hop: 5)] {
            let expected = try ImpactRenderer.render(model: single, frames: frames, seed: 5, plan: plan)
            #expect(try ImpactRenderer.render(model: piped, frames: frames, seed: 5, plan: plan) == expected)
        }
    }

    /// `narrowModelsDoNotSplitTheirLayers` covers the automatic choice.
    @Test func aNarrowModelSharesItsRowsWhenTold() throws {
        let config = SmallNSFModel.config()
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "small.safetensors")
        let rows = try NSFModel(
            config: config, weights: file, name: "small", maxFramesPerCall: 64, threadCount: 2, usesDenseKernels: true,
            sharing: .layerRows)
        #expect(rows.threadCount == 2 && rows.threadSharing == .layerRows)
    }
}
