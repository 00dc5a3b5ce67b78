import Testing
@testable import NeuroCore

@Suite struct ChunkPlanTests {
    @Test func neurorackPlanCoversAStandardImpact() {
        let plan = ChunkPlan.neurorack
        #expect(plan.chunkCount(totalFrames: 301) == 20)
        let chunks = (0..<20).map { plan.chunk($0, totalFrames: 301) }
        for (index, chunk) in chunks.enumerated() {
            #expect(chunk.frames.lowerBound == 15 * index)
            #expect(chunk.crossfadeFrames == (index == 0 ? 0 : 1))
        }
        #expect(chunks[0].frames == 0..<16)
        #expect(chunks[19].frames == 285..<301)
        #expect(chunks[19].isLast && chunks[19].advance == 16)
        #expect(chunks.dropLast().allSatisfy { !$0.isLast && $0.advance == 15 && $0.frames.count == 16 })
    }

    @Test func shortAndBoundaryLengths() {
        let plan = ChunkPlan.neurorack
        #expect(plan.chunkCount(totalFrames: 0) == 0)
        #expect(plan.chunkCount(totalFrames: 1) == 1)
        #expect(plan.chunk(0, totalFrames: 5) == ChunkPlan.Chunk(index: 0, frames: 0..<5, advance: 5, crossfadeFrames: 0, outputFrames: 5, isLast: true))
        #expect(plan.chunkCount(totalFrames: 16) == 1)
        #expect(plan.chunkCount(totalFrames: 17) == 2)
        #expect(plan.chunk(1, totalFrames: 17).frames == 15..<17)
        #expect(plan.chunkCount(totalFrames: 31) == 2)
        #expect(plan.chunkCount(totalFrames: 32) == 3)
    }

    @Test func everyLastChunkHasAFrameBeyondTheCrossfade() throws {
        for (frames, hop, firstHop) in [(16, 15, 15), (8, 4, 4), (5, 5, 5), (3, 1, 1), (21, 15, 3), (8, 4, 1)] {
            let plan = try ChunkPlan(framesPerChunk: frames, hop: hop, firstHop: firstHop)
            for total in 1...60 {
                let count = plan.chunkCount(totalFrames: total)
                let last = plan.chunk(count - 1, totalFrames: total)
                #expect(last.frames.upperBound == total)
                #expect(last.frames.count > last.crossfadeFrames)
                #expect(last.finalSampleCount(samplesPerFrame: 2) == total * 2)
                if count > 1 {
                    let previous = plan.chunk(count - 2, totalFrames: total)
                    #expect(previous.frames.upperBound < total)
                    #expect(previous.finalSampleCount(samplesPerFrame: 2) == last.firstSample(samplesPerFrame: 2))
                }
            }
        }
    }

    @Test func aLookAheadOnlyPlanSynthesizesOnlyTheFramesEachCallAdvancesBy() throws {
        let plan = try ChunkPlan(framesPerChunk: 21, hop: 15, firstHop: 3, synthesizesOverlap: false)
        let chunks = (0..<plan.chunkCount(totalFrames: 40)).map { plan.chunk($0, totalFrames: 40) }
        #expect(chunks.map(\.frames) == [0..<9, 3..<24, 18..<39, 33..<40])
        #expect(chunks.map(\.outputFrames) == [3, 15, 15, 7])
        #expect(chunks.allSatisfy { $0.crossfadeFrames == 0 })
        let model = FakeImpactModel(samplesPerFrame: 2, lookAheadFrames: 6, generatesAdvancedFramesOnly: true)
        #expect(ChunkPlan.streaming(for: model) == plan)
        #expect(ChunkPlan.streaming(for: FakeImpactModel(lookAheadFrames: 6)).synthesizesOverlap)
        #expect(throws: NeuroError.self) { try plan.framesPerCall(for: FakeImpactModel(lookAheadFrames: 6), impactFrames: 40) }
        let frames = (0..<40).map { ControlFrame.constant(Float($0) / 40) }
        let chunked = try ImpactRenderer.render(model: model, frames: frames, seed: 1, plan: plan)
        #expect(model.outputCounts == [6, 30, 30, 14])
        let whole = try ImpactRenderer.render(
            model: FakeImpactModel(samplesPerFrame: 2), frames: frames, seed: 1, plan: ChunkPlan(framesPerChunk: 40, hop: 40))
        #expect(chunked == whole)
    }

    @Test func aShortFirstChunkThenFullChunksThatCoverEveryFrameOnce() throws {
        let plan = try ChunkPlan(framesPerChunk: 21, hop: 15, firstHop: 3)
        #expect(plan.chunkCount(totalFrames: 9) == 1)
        #expect(plan.chunkCount(totalFrames: 10) == 2)
        #expect(plan.chunkCount(totalFrames: 24) == 2)
        #expect(plan.chunkCount(totalFrames: 25) == 3)
        let chunks = (0..<plan.chunkCount(totalFrames: 301)).map { plan.chunk($0, totalFrames: 301) }
        #expect(chunks[0] == ChunkPlan.Chunk(index: 0, frames: 0..<9, advance: 3, crossfadeFrames: 0, outputFrames: 9, isLast: false))
        #expect(chunks[1] == ChunkPlan.Chunk(index: 1, frames: 3..<24, advance: 15, crossfadeFrames: 6, outputFrames: 21, isLast: false))
        // The final samples of the chunks tile the impact: each chunk starts where the previous one's end.
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(previous.finalSampleCount(samplesPerFrame: 1) == next.frames.lowerBound)
        }
        #expect(chunks.last?.frames.upperBound == 301)
    }

    @Test func rejectsInvalidPlans() {
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 0, hop: 1) }
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 4, hop: 5) }
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 4, hop: 0) }
    }
}
