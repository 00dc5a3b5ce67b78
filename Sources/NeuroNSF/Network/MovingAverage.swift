import NeuroCore
internal import CNSFKernels
/// A moving average with replicate (edge-value) padding, evaluated as a float64 running sum.
///
/// `MA_N(v)[t] = (1/N) · Σ_{m=0}^{N−1} v[clamp(t − a + m)]` with `a = ⌊(N−1)/2⌋` and the clamp to
/// the signal's domain (SPEC §3.2). The running sum in float64 is more accurate than PyTorch's
/// float32 convolution and stays within the reference tolerances.
struct MovingAverage: Sendable {
    /// The window length `N`.
    let length: Int
    /// Samples of the window before the centre, `a = ⌊(N−1)/2⌋`.
    var leftReach: Int { (length - 1) / 2 }
    /// Samples of the window after the centre, `N − 1 − a`.
    var rightReach: Int { length - 1 - leftReach }

    /// The samples `range` needs, extended by the window and clipped to `domain`.
    func inputRange(for range: Range<Int>, domain: Range<Int>) -> Range<Int> {
        max(domain.lowerBound, range.lowerBound - leftReach)..<min(domain.upperBound, range.upperBound + rightReach)
    }

    /// Writes `MA_N(v)[t]` for `t` in `range` to `output[t − range.lowerBound]`.
    ///
    /// - Parameters:
    ///   - range: the output samples, inside `domain`.
    ///   - domain: the signal's extent; indexes outside it are clamped to its ends.
    ///   - output: receives `range.count` values.
    ///   - value: the signal at an index inside `inputRange(for: range, domain: domain)`.
    func apply(
        over range: Range<Int>, domain: Range<Int>, into output: inout [Float], value: (Int) -> Float
    ) {
        guard !range.isEmpty else { return }
        let last = domain.upperBound - 1
        func clamped(_ index: Int) -> Int { min(max(index, domain.lowerBound), last) }
        let scale = 1 / Double(length)
        var sum = 0.0
        for offset in 0..<length {
            sum += Double(value(clamped(range.lowerBound - leftReach + offset)))
        }
        output[0] = Float(sum * scale)
        var index = 1
        for t in range.dropFirst() {
            sum += Double(value(clamped(t + rightReach))) - Double(value(clamped(t - 1 - leftReach)))
            output[index] = Float(sum * scale)
            index += 1
        }
    }

    /// The multi-channel form of ``apply(over:domain:into:value:)``: rows of `width` channels,
    /// each channel averaged independently, sixteen channels at a time (a C kernel with the same
    /// float64 additions in the same order, so each channel is `apply`'s result bit for bit).
    ///
    /// The signal is `rowCount` rows of `width` floats at `input`, row `r` holding the samples
    /// `start + r·samplesPerRow ..< start + (r + 1)·samplesPerRow` (up-sampled frames, or one sample
    /// per row); indexes outside `start ..< start + rowCount·samplesPerRow` are clamped to its ends.
    ///
    /// - Parameters:
    ///   - range: the output samples.
    ///   - output: receives `range.count` rows of `width` floats.
    func applyToRows(
        over range: Range<Int>, input: UnsafePointer<Float>, start: Int, rowCount: Int, samplesPerRow: Int,
        width: Int, into output: UnsafeMutablePointer<Float>, instructionSet: KernelInstructionSet = .best
    ) {
        precondition(rowCount > 0 && samplesPerRow > 0 && width > 0, "MovingAverage: an empty signal")
        cnsf_moving_average_rows(
            instructionSet.cValue, input, rowCount, samplesPerRow, width, length, leftReach, range.lowerBound - start,
            range.count, output)
    }

    /// The piecewise-constant form of ``apply(over:domain:into:value:)``, for a signal that holds one
    /// value per frame of `samplesPerFrame` samples from `domain.lowerBound` (the up-sampled frames).
    ///
    /// The window's entering and leaving samples change frames only every `samplesPerFrame` steps,
    /// so each stretch between such changes reads the two values and their difference once; the
    /// running sum takes the same additions in the same order, so the output equals `apply`'s bit
    /// for bit (`MovingAverageTests`).
    ///
    /// - Parameters:
    ///   - frameValue: the value of frame `f` (`0 ≤ f < domain.count / samplesPerFrame`).
    func applyToFrames(
        over range: Range<Int>, domain: Range<Int>, samplesPerFrame: Int, into output: inout [Float],
        frameValue: (Int) -> Float
    ) {
        guard !range.isEmpty else { return }
        let frames = FrameRuns(domain: domain, samplesPerFrame: samplesPerFrame)
        let scale = 1 / Double(length)
        var sum = 0.0
        frames.forEachRun(from: range.lowerBound - leftReach, count: length) { frame, count in
            let value = Double(frameValue(frame))
            for _ in 0..<count {
                sum += value
            }
        }
        output[0] = Float(sum * scale)
        var index = 1
        forEachStretch(over: range, frames: frames) { entering, leaving, count in
            let delta = Double(frameValue(entering)) - Double(frameValue(leaving))
            for _ in 0..<count {
                sum += delta
                output[index] = Float(sum * scale)
                index += 1
            }
        }
    }

    /// Calls `body(enteringFrame, leavingFrame, steps)` for each stretch of the window's steps after
    /// `range.lowerBound` in which neither the entering nor the leaving sample changes frame.
    private func forEachStretch(over range: Range<Int>, frames: FrameRuns, body: (Int, Int, Int) -> Void) {
        var t = range.lowerBound + 1
        while t < range.upperBound {
            let entering = t + rightReach, leaving = t - 1 - leftReach
            let steps = min(frames.run(from: entering), frames.run(from: leaving), range.upperBound - t)
            body(frames.frame(of: entering), frames.frame(of: leaving), steps)
            t += steps
        }
    }
}
