import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroProfiles

/// The bundled default model streamed with its default plan equals one whole-impact call
/// outside the cross-fades; the original 16/15 plan does not.
@Suite struct DefaultModelStreamingTests {
    /// Largest difference allowed outside the cross-fades. Chunked and whole calls run the same
    /// arithmetic on the same inputs, so the nsf engine measures 0 here; the bound leaves room
    /// for a kernel that sums in another order for other call sizes.
    static let tolerance: Float = 1e-5

    private struct Comparison {
        /// Largest |chunked − whole| outside the cross-fades.
        var outside: Float
        /// Largest |chunked − whole| anywhere.
        var anywhere: Float
        /// ‖chunked − whole‖ / ‖whole‖ over the whole impact.
        var relativeL2: Double
    }

    private func compare(plan: ChunkPlan?, frameCount: Int) throws -> (plan: ChunkPlan, result: Comparison) {
        let model = try DefaultNSFModel.load()
        let frames = try ImpactProfile.named("kick-acoustic-1").resampled(toFrameCount: frameCount).frames
        let spf = model.samplesPerFrame
        let whole = try ImpactRenderer.render(
            model: model, frames: frames, seed: 3, plan: ChunkPlan(framesPerChunk: frameCount, hop: frameCount))
        let chosen = plan ?? .streaming(for: model)
        let chunked = try ImpactRenderer.render(model: model, frames: frames, seed: 3, plan: plan)
        let crossfaded = (1..<chosen.chunkCount(totalFrames: frameCount)).map { index in
            let chunk = chosen.chunk(index, totalFrames: frameCount)
            return chunk.frames.lowerBound * spf..<(chunk.frames.lowerBound + chunk.crossfadeFrames) * spf
        }
        var result = Comparison(outside: 0, anywhere: 0, relativeL2: 0)
        var errorEnergy = 0.0
        for (index, (a, b)) in zip(chunked, whole).enumerated() {
            let difference = abs(a - b)
            errorEnergy += Double(difference) * Double(difference)
            result.anywhere = max(result.anywhere, difference)
            if !crossfaded.contains(where: { $0.contains(index) }) {
                result.outside = max(result.outside, difference)
            }
        }
        result.relativeL2 = (errorEnergy / whole.reduce(0) { $0 + Double($1) * Double($1) }).squareRoot()
        return (chosen, result)
    }

    @Test func streamingPlanMatchesTheWholeImpactOutsideCrossfades() throws {
        let (plan, result) = try compare(plan: nil, frameCount: 40)
        #expect(plan.framesPerChunk == 15 + 6 && plan.hop == 15)
        print("default model, plan \(plan.framesPerChunk)/\(plan.hop): max |Δ| outside cross-fades \(result.outside), anywhere \(result.anywhere), rel L2 \(result.relativeL2)")
        #expect(result.outside <= Self.tolerance)
    }

    @Test func originalPlanDiffersOutsideCrossfades() throws {
        let (_, result) = try compare(plan: .neurorack, frameCount: 40)
        print("default model, plan 16/15: max |Δ| outside cross-fades \(result.outside), rel L2 \(result.relativeL2)")
        #expect(result.outside > 100 * Self.tolerance)
    }
}
