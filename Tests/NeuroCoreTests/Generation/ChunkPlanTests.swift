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
        #expect(plan.chunk(0, totalFrames: 5) == ChunkPlan.Chunk(index: 0, frames: 0..<5, advance: 5, crossfadeFrames: 0, isLast: true))
        #expect(plan.chunkCount(totalFrames: 16) == 1)
        #expect(plan.chunkCount(totalFrames: 17) == 2)
        #expect(plan.chunk(1, totalFrames: 17).frames == 15..<17)
        #expect(plan.chunkCount(totalFrames: 31) == 2)
        #expect(plan.chunkCount(totalFrames: 32) == 3)
    }

    @Test func everyLastChunkHasAFrameBeyondTheCrossfade() throws {
        for (frames, hop) in [(16, 15), (8, 4), (5, 5), (3, 1)] {
            let plan = try ChunkPlan(framesPerChunk: frames, hop: hop)
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

    @Test func rejectsInvalidPlans() {
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 0, hop: 1) }
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 4, hop: 5) }
        #expect(throws: NeuroError.self) { try ChunkPlan(framesPerChunk: 4, hop: 0) }
    }
}
