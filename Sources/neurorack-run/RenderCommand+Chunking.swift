import ArgumentParser
import NeuroCore

/// How `render --chunking` cuts the impact into model calls.
enum RenderChunking: String, ExpressibleByArgument, CaseIterable {
    /// ``ChunkPlan/streaming(for:)``: hop 15 plus the model's look-ahead, as the engine streams.
    case lookahead
    /// ``ChunkPlan/neurorack``: the original module's 16 frames per call, hop 15 (for A/B listening).
    case original

    /// The plan for `model`.
    func plan(for model: any ImpactModel) -> ChunkPlan {
        switch self {
        case .lookahead: .streaming(for: model)
        case .original: .neurorack
        }
    }
}
