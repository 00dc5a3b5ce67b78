import NeuroCore
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
    /// each channel averaged independently, vectorised across channels.
    ///
    /// - Parameters:
    ///   - output: receives `range.count` rows of `width` floats.
    ///   - sums: scratch for `width` running sums.
    ///   - row: the row of the signal at an index inside `inputRange(for: range, domain: domain)`.
    func applyToRows(
        over range: Range<Int>, domain: Range<Int>, width: Int, into output: UnsafeMutablePointer<Float>,
        sums: UnsafeMutablePointer<Double>, row: (Int) -> UnsafePointer<Float>
    ) {
        guard !range.isEmpty else { return }
        let last = domain.upperBound - 1
        func clamped(_ index: Int) -> Int { min(max(index, domain.lowerBound), last) }
        let scale = 1 / Double(length)
        sums.update(repeating: 0, count: width)
        for offset in 0..<length {
            let values = row(clamped(range.lowerBound - leftReach + offset))
            for channel in 0..<width {
                sums[channel] += Double(values[channel])
            }
        }
        var destination = output
        for t in range {
            if t > range.lowerBound {
                let entering = row(clamped(t + rightReach))
                let leaving = row(clamped(t - 1 - leftReach))
                for channel in 0..<width {
                    sums[channel] += Double(entering[channel]) - Double(leaving[channel])
                }
            }
            for channel in 0..<width {
                destination[channel] = Float(sums[channel] * scale)
            }
            destination += width
        }
    }
}
