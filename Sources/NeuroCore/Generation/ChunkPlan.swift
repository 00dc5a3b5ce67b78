/// How an impact is cut into overlapping model calls: frames per call, hop between calls.
///
/// The original Neurorack app generates chunk `c` from frames `15c … 15c+15` (16 frames, hop 15)
/// and cross-fades the first frame of each chunk with the last frame of the previous one
/// (see ``ChunkPlan/neurorack``); ``ChunkPlan/streaming(for:)`` adds the model's look-ahead to
/// that and is the default of the renderer and the scheduler. In general the first chunk covers
/// ``firstHop`` `+` ``overlapFrames`` frames and advances ``firstHop``; chunk `c ≥ 1` starts at
/// frame `firstHop + (c − 1) · hop` and covers ``framesPerChunk`` frames (fewer for the last
/// chunk); the first ``overlapFrames`` frames of every chunk after the first are linearly
/// cross-faded with the tail of the previous chunk. A small first hop makes a new impact's first
/// samples ready sooner (a regenerate is heard sooner) at the cost of one more, short, call.
/// A plan whose overlap is look-ahead only (``synthesizesOverlap`` `false`, for models that
/// ``ImpactModel/generatesAdvancedFramesOnly``) has no cross-fade: each call synthesizes only the
/// frames it advances by and reads the overlap frames as the future.
public struct ChunkPlan: Sendable, Equatable {
    /// Frames per model call (16 for Neurorack).
    public let framesPerChunk: Int
    /// Frames the stream advances between calls (15 for Neurorack).
    public let hop: Int
    /// Frames the first call makes final (≤ ``hop``; ``hop`` for the original plan).
    public let firstHop: Int
    /// Whether the overlap frames are synthesized and cross-faded with the next call (`true`), or
    /// only read as look-ahead, each call then producing just the frames it advances by (`false`).
    public let synthesizesOverlap: Bool

    /// The original app's plan: 16 frames per call, hop 15, one frame of cross-fade.
    public static let neurorack = ChunkPlan(checkedFramesPerChunk: 16, hop: 15, firstHop: 15, synthesizesOverlap: true)

    /// The first hop of ``streaming(for:)`` for models with look-ahead: 3 frames (1 536 samples,
    /// 70 ms at 22 050 Hz) are final after a call of 3 + look-ahead frames.
    public static let streamingFirstHop = 3

    /// The default plan for `model`: hop 15 as in the original app, with the model's look-ahead.
    ///
    /// `framesPerChunk = max(16, 15 + model.lookAheadFrames)`, so every chunk sees the frames its
    /// last hop frame depends on and, for a deterministic streaming model, equals one
    /// whole-impact call outside the cross-fades. That is ``neurorack`` (16/15) for models
    /// without look-ahead and 21/15 for the NSF models (look-ahead 6), which generate 21 frames
    /// per 15 instead of 16 (about 1.3× the original plan's compute). Models with look-ahead
    /// start with a short call of ``streamingFirstHop`` `+` look-ahead frames (9 for NSF), so the
    /// first samples of an impact are ready after well under half the time of a full chunk. For a
    /// model that ``ImpactModel/generatesAdvancedFramesOnly`` (the NSF models) the look-ahead
    /// frames are only read (``synthesizesOverlap`` `false`): the chunks equal one whole-impact
    /// call everywhere and cost hardly more, and the first call synthesizes just 3 frames.
    /// A chunk never exceeds the model's ``ImpactModel/maxFramesPerCall`` beyond the original
    /// 16 frames; a negative look-ahead counts as 0.
    public static func streaming(for model: any ImpactModel) -> ChunkPlan {
        let hop = neurorack.hop
        let room = model.maxFramesPerCall > hop ? model.maxFramesPerCall - hop : 0
        let lookAhead = min(max(model.lookAheadFrames, 0), room)
        let framesPerChunk = max(neurorack.framesPerChunk, hop + lookAhead)
        return ChunkPlan(
            checkedFramesPerChunk: framesPerChunk, hop: hop, firstHop: lookAhead > 0 ? streamingFirstHop : hop,
            synthesizesOverlap: lookAhead == 0 || !model.generatesAdvancedFramesOnly)
    }

    /// Creates a plan, checking `1 ≤ hop ≤ framesPerChunk` and `1 ≤ firstHop ≤ hop` (`nil`: `hop`);
    /// `synthesizesOverlap: false` makes the overlap look-ahead only (see ``synthesizesOverlap``).
    public init(framesPerChunk: Int, hop: Int, firstHop: Int? = nil, synthesizesOverlap: Bool = true) throws(NeuroError) {
        guard framesPerChunk >= 1 else {
            throw NeuroError(.invalidData, "chunk plan: frames per chunk must be at least 1, got \(framesPerChunk)")
        }
        guard hop >= 1, hop <= framesPerChunk else {
            throw NeuroError(.invalidData, "chunk plan: hop must be 1…\(framesPerChunk), got \(hop)")
        }
        let firstHop = firstHop ?? hop
        guard firstHop >= 1, firstHop <= hop else {
            throw NeuroError(.invalidData, "chunk plan: first hop must be 1…\(hop), got \(firstHop)")
        }
        self.init(checkedFramesPerChunk: framesPerChunk, hop: hop, firstHop: firstHop, synthesizesOverlap: synthesizesOverlap)
    }

    private init(checkedFramesPerChunk: Int, hop: Int, firstHop: Int, synthesizesOverlap: Bool) {
        self.framesPerChunk = checkedFramesPerChunk
        self.synthesizesOverlap = synthesizesOverlap
        self.hop = hop
        self.firstHop = firstHop
    }

    /// The frames one call of `model` takes for impacts of up to `impactFrames` frames, checked.
    ///
    /// The one check shared by the offline renderer and the generation scheduler.
    ///
    /// - Throws: `.invalidData` when the model has no samples per frame, takes fewer frames
    ///   per call than the plan needs, or cannot leave the overlap unsynthesized when the plan asks.
    public func framesPerCall(for model: any ImpactModel, impactFrames: Int) throws(NeuroError) -> Int {
        guard synthesizesOverlap || model.generatesAdvancedFramesOnly else {
            throw NeuroError(.invalidData, "\(model.name): cannot read look-ahead frames without synthesizing them, as the chunk plan asks")
        }
        guard model.samplesPerFrame >= 1 else {
            throw NeuroError(.invalidData, "\(model.name): samples per frame must be at least 1, got \(model.samplesPerFrame)")
        }
        guard impactFrames >= 1 else {
            throw NeuroError(.invalidData, "\(model.name): an impact needs at least 1 frame, got \(impactFrames)")
        }
        let framesPerCall = min(framesPerChunk, impactFrames)
        guard framesPerCall <= model.maxFramesPerCall else {
            throw NeuroError(
                .invalidData,
                "\(model.name): accepts at most \(model.maxFramesPerCall) frames per call, the chunk plan needs \(framesPerCall)")
        }
        return framesPerCall
    }

    /// Frames shared by consecutive chunks, cross-faded in the output (`framesPerChunk − hop`).
    public var overlapFrames: Int { framesPerChunk - hop }

    /// The number of model calls an impact of `totalFrames` frames needs (0 for an empty impact).
    ///
    /// Every chunk but the last ends before the impact does; the last one reaches its end.
    public func chunkCount(totalFrames: Int) -> Int {
        guard totalFrames > 0 else { return 0 }
        guard totalFrames > firstHop + overlapFrames else { return 1 }
        let beyondSecond = totalFrames - firstHop - framesPerChunk
        return 2 + (beyondSecond > 0 ? (beyondSecond + hop - 1) / hop : 0)
    }

    /// Chunk `index` of an impact of `totalFrames` frames.
    ///
    /// - Precondition: `0 ≤ index < chunkCount(totalFrames:)`.
    public func chunk(_ index: Int, totalFrames: Int) -> Chunk {
        let count = chunkCount(totalFrames: totalFrames)
        precondition(index >= 0 && index < count, "chunk index \(index) out of 0..<\(count)")
        let start = index == 0 ? 0 : firstHop + (index - 1) * hop
        let isLast = index == count - 1
        let end = isLast ? totalFrames : start + (index == 0 ? firstHop + overlapFrames : framesPerChunk)
        return Chunk(
            index: index, frames: start..<end,
            advance: isLast ? end - start : (index == 0 ? firstHop : hop),
            crossfadeFrames: index == 0 || !synthesizesOverlap ? 0 : overlapFrames,
            outputFrames: isLast || synthesizesOverlap ? end - start : (index == 0 ? firstHop : hop),
            isLast: isLast)
    }

    /// One model call of a plan: which frames it reads and how it joins the previous call.
    public struct Chunk: Sendable, Equatable {
        /// Position of the chunk in the impact, from 0.
        public let index: Int
        /// The impact frames the call generates.
        public let frames: Range<Int>
        /// The `hop` passed to ``ImpactModel/generate(frames:advancing:into:)``: the plan's hop,
        /// or every frame for the last chunk.
        public let advance: Int
        /// Leading frames cross-faded with the previous chunk's tail (0 for the first chunk and
        /// for plans that do not synthesize the overlap).
        public let crossfadeFrames: Int
        /// The frames the call synthesizes, from the chunk's first: all of ``frames``, or only
        /// ``advance`` of them when the plan reads the overlap as look-ahead only.
        public let outputFrames: Int
        /// Whether this chunk ends the impact.
        public let isLast: Bool

        /// Index of the chunk's first output sample in the impact.
        public func firstSample(samplesPerFrame: Int) -> Int { frames.lowerBound * samplesPerFrame }

        /// Samples of the impact that are final once this chunk is written: everything before
        /// the tail the next chunk will cross-fade, or the whole impact after the last chunk.
        public func finalSampleCount(samplesPerFrame: Int) -> Int {
            (isLast ? frames.upperBound : frames.lowerBound + advance) * samplesPerFrame
        }
    }
}
