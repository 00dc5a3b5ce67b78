import Foundation

/// Band-limited sample-rate conversion between any two integer rates, by a polyphase
/// Kaiser-windowed sinc filter.
///
/// The ratio is reduced to `L/M` (22 050 → 48 000 is 320/147). Output sample `n` sits at input
/// time `n · M / L`; it is the sum of the input samples around that time weighted by a
/// windowed sinc whose cut-off lies between the pass-band edge and the Nyquist frequency of
/// the lower rate, so one design serves up- and down-sampling. The filter is tabulated for
/// the `L` fractional positions (up to 4 096; beyond that, for 4 096 positions with linear
/// interpolation between them). Input outside the signal counts as silence; the filter is
/// centred, so the output is not delayed.
///
/// Default quality: pass band flat to 0.9 × the lower Nyquist frequency, stop band from the
/// lower Nyquist frequency, ~100 dB attenuation (the tests measure both).
public struct Resampler: Sendable {
    /// The input sample rate in Hz.
    public let inputRate: Int
    /// The output sample rate in Hz.
    public let outputRate: Int

    private let upFactor: Int
    private let downFactor: Int
    private let phaseCount: Int
    private let halfTapCount: Int
    /// `(phaseCount + 1) × (2 · halfTapCount)` coefficients; row `p` is for the fractional
    /// position `p / phaseCount`, column `j` weights the input `⌊t⌋ − halfTapCount + 1 + j`.
    private let table: [Float]

    /// The most taps on each side of a filter (rates further apart than about 1:1000 need more).
    static let maxHalfTapCount = 8_192

    /// The largest number of tabulated fractional positions.
    static let maxPhaseCount = 4_096

    /// Designs a resampler.
    ///
    /// - Parameters:
    ///   - inputRate: input rate in Hz, > 0.
    ///   - outputRate: output rate in Hz, > 0.
    ///   - passband: the pass-band edge as a fraction of the lower rate's Nyquist frequency
    ///     (0.5…0.99); the transition band runs from there to the Nyquist frequency.
    ///   - attenuation: the stop-band attenuation in dB (40…160).
    /// - Throws: `.invalidData` for rates ≤ 0 or design parameters out of range.
    public init(from inputRate: Int, to outputRate: Int, passband: Double = 0.9, attenuation: Double = 100) throws(NeuroError) {
        guard inputRate > 0, outputRate > 0 else {
            throw NeuroError(.invalidData, "resampler: sample rates must be positive, got \(inputRate) → \(outputRate) Hz")
        }
        guard (0.5...0.99).contains(passband), (40...160).contains(attenuation) else {
            throw NeuroError(.invalidData, "resampler: pass band must be 0.5…0.99 and attenuation 40…160 dB, got \(passband) and \(attenuation)")
        }
        let divisor = Self.greatestCommonDivisor(inputRate, outputRate)
        self.inputRate = inputRate
        self.outputRate = outputRate
        upFactor = outputRate / divisor
        downFactor = inputRate / divisor

        let nyquist = Double(min(inputRate, outputRate)) / 2
        let transitionWidth = nyquist * (1 - passband) / Double(inputRate)
        let cutoff = nyquist * (1 + passband) / 2 / Double(inputRate)
        let length = KaiserWindow.length(attenuation: attenuation, transitionWidth: transitionWidth)
        guard length.isFinite, length <= Double(2 * Self.maxHalfTapCount) else {
            throw NeuroError(
                .invalidData,
                "resampler: converting \(inputRate) Hz to \(outputRate) Hz needs a \(Int(min(length, 1e12)))-tap filter, more than \(2 * Self.maxHalfTapCount)")
        }
        halfTapCount = max(1, Int((length / 2).rounded(.up)))
        phaseCount = min(upFactor, Self.maxPhaseCount)

        let beta = KaiserWindow.beta(attenuation: attenuation)
        let tapCount = 2 * halfTapCount
        let halfWidth = Double(halfTapCount)
        var table = [Float](repeating: 0, count: (phaseCount + 1) * tapCount)
        for phase in 0...phaseCount {
            let fraction = Double(phase) / Double(phaseCount)
            for tap in 0..<tapCount {
                let time = fraction + Double(halfTapCount - 1 - tap)
                let argument = 2 * cutoff * time
                let sinc = argument == 0 ? 1 : sin(Double.pi * argument) / (Double.pi * argument)
                let window = KaiserWindow.value(at: time, halfWidth: halfWidth, beta: beta)
                table[phase * tapCount + tap] = Float(2 * cutoff * sinc * window)
            }
        }
        self.table = table
    }

    /// The number of output samples for `inputCount` input samples: `⌈inputCount · L / M⌉`.
    public func outputCount(forInputCount inputCount: Int) -> Int {
        (inputCount * upFactor + downFactor - 1) / downFactor
    }

    /// Output samples computable from the first `finalInputCount` samples of a longer signal:
    /// those whose filter reaches no input beyond them (all of them once `isComplete`, since
    /// input after the end counts as silence).
    public func availableOutputCount(finalInputCount: Int, isComplete: Bool) -> Int {
        let total = outputCount(forInputCount: finalInputCount)
        guard !isComplete else { return total }
        guard upFactor != downFactor else { return finalInputCount }
        let reachable = finalInputCount - halfTapCount
        guard reachable > 0 else { return 0 }
        return min((reachable * upFactor + downFactor - 1) / downFactor, total)
    }

    /// Writes output samples `range` of `input` (of which `inputCount` samples make the whole
    /// signal; only those the range needs are read) into `output`, which holds `range.count`.
    ///
    /// The same values as ``resample(_:)-([Float])`` gives for the whole signal: the generation
    /// thread converts an impact to the device rate chunk by chunk with it. Allocation-free.
    ///
    /// - Precondition: `range` ends within ``availableOutputCount(finalInputCount:isComplete:)`` of
    ///   what `input` holds, and `output.count ≥ range.count`.
    public func resample(_ input: Span<Float>, inputCount: Int, outputRange range: Range<Int>, into output: inout MutableSpan<Float>) {
        resample(input, from: 0, inputCount: inputCount, outputRange: range, into: &output)
    }

    /// Like ``resample(_:inputCount:outputRange:into:)``, with `input` holding the signal from
    /// sample `origin` on (from ``firstInputIndex(forOutput:)`` of the range's first sample), so a
    /// long signal can be converted with only a window of it in memory.
    public func resample(
        _ input: Span<Float>, from origin: Int, inputCount: Int, outputRange range: Range<Int>, into output: inout MutableSpan<Float>
    ) {
        precondition(output.count >= range.count, "resampler output holds \(output.count) samples, needs \(range.count)")
        guard upFactor != downFactor else {
            for index in range { output[index - range.lowerBound] = input[index - origin] }
            return
        }
        for outputIndex in range {
            output[outputIndex - range.lowerBound] = sample(outputIndex, of: input, origin: origin, count: min(inputCount, origin + input.count))
        }
    }

    /// The first input sample output sample `index` reads (0 or more).
    public func firstInputIndex(forOutput index: Int) -> Int {
        guard upFactor != downFactor else { return index }
        return max(index * downFactor / upFactor - halfTapCount + 1, 0)
    }

    /// Output sample `outputIndex` of the first `count` samples of the signal; `input[0]` is signal sample `origin`.
    private func sample(_ outputIndex: Int, of input: Span<Float>, origin: Int = 0, count: Int) -> Float {
        let tapCount = 2 * halfTapCount
        let phaseStep = Double(phaseCount) / Double(upFactor)
        let numerator = outputIndex * downFactor
        let base = numerator / upFactor
        let position = Double(numerator % upFactor) * phaseStep
        let phase = Int(position)
        let weight = Float(position - Double(phase))
        let first = base - halfTapCount + 1
        let lowerTap = max(0, -first)
        let upperTap = max(lowerTap, min(tapCount, count - first))
        let lowerSum = dot(input, from: first - origin, taps: lowerTap..<upperTap, row: phase)
        guard weight > 0 else { return lowerSum }
        let upperSum = dot(input, from: first - origin, taps: lowerTap..<upperTap, row: phase + 1)
        return lowerSum + (upperSum - lowerSum) * weight
    }

    /// Resamples one channel.
    public func resample(_ input: [Float]) -> [Float] {
        guard upFactor != downFactor else { return input }
        let span = input.span
        return (0..<outputCount(forInputCount: input.count)).map { sample($0, of: span, count: input.count) }
    }

    /// `Σ input[first + tap] · table[row][tap]` over `taps`.
    private func dot(_ input: Span<Float>, from first: Int, taps: Range<Int>, row: Int) -> Float {
        let rowStart = row * 2 * halfTapCount
        var sum: Float = 0
        for tap in taps {
            sum += input[first + tap] * table[rowStart + tap]
        }
        return sum
    }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : greatestCommonDivisor(b, a % b)
    }
}
