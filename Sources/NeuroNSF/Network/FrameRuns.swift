/// The frames of an up-sampled signal: sample indexes clamped to a domain, `samplesPerFrame` per frame.
struct FrameRuns {
    /// The signal's extent; indexes outside it are clamped to its ends.
    let domain: Range<Int>
    /// Samples per frame, counted from `domain.lowerBound`.
    let samplesPerFrame: Int

    /// The frame that sample index `index` (clamped to the domain) falls in.
    func frame(of index: Int) -> Int {
        (min(max(index, domain.lowerBound), domain.upperBound - 1) - domain.lowerBound) / samplesPerFrame
    }

    /// How many consecutive indexes from `index` fall in the same frame (`Int.max` from the last frame on).
    func run(from index: Int) -> Int {
        let lastFrameStart = domain.lowerBound + frame(of: domain.upperBound - 1) * samplesPerFrame
        guard index < lastFrameStart else { return .max }
        return domain.lowerBound + (frame(of: index) + 1) * samplesPerFrame - index
    }

    /// Calls `body(frame, count)` for the runs of `count` consecutive indexes from `start` in one frame.
    func forEachRun(from start: Int, count: Int, body: (Int, Int) -> Void) {
        var index = start
        while index < start + count {
            let steps = min(run(from: index), start + count - index)
            body(frame(of: index), steps)
            index += steps
        }
    }
}
