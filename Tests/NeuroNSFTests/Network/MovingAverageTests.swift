import NeuroCore
@testable import NeuroNSF
import Testing

/// The piecewise-constant forms of ``MovingAverage`` equal the generic running sums bit for bit.
@Suite struct MovingAverageTests {
    /// Windows shorter than, equal to and longer than a frame; ranges that reach past both ends
    /// of the domain (clamped) and ranges inside it.
    static let cases: [(length: Int, samplesPerFrame: Int, frames: Int)] = [
        (1, 4, 3), (5, 8, 6), (512, 512, 7), (2048, 512, 9), (513, 512, 1), (7, 3, 11),
    ]

    @Test(arguments: cases.indices)
    func singleChannelFramesEqualTheGenericSum(index: Int) {
        let (length, samplesPerFrame, frameCount) = Self.cases[index]
        var random = SplitMix64(seed: UInt64(index + 1))
        let values = random.floats(frameCount, in: -3...3)
        let average = MovingAverage(length: length)
        let domain = -2 * samplesPerFrame..<(frameCount - 2) * samplesPerFrame
        for range in Self.ranges(domain: domain, samplesPerFrame: samplesPerFrame) {
            var expected = [Float](repeating: .nan, count: range.count)
            var actual = expected
            average.apply(over: range, domain: domain, into: &expected) {
                values[($0 - domain.lowerBound) / samplesPerFrame]
            }
            average.applyToFrames(over: range, domain: domain, samplesPerFrame: samplesPerFrame, into: &actual) {
                values[$0]
            }
            #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "N \(length), range \(range)")
        }
    }

    @Test(arguments: cases.indices)
    func rowKernelIsEachChannelsGenericSum(index: Int) {
        let (length, samplesPerFrame, frameCount) = Self.cases[index]
        var random = SplitMix64(seed: UInt64(index + 100))
        let average = MovingAverage(length: length)
        for width in [1, 5, 16, 32, 37] {
            let rows = random.floats(frameCount * width, in: -1...1)
            for samplesPerRow in [1, samplesPerFrame] {
                let domain = -3..<frameCount * samplesPerRow - 3
                for range in Self.ranges(domain: domain, samplesPerFrame: samplesPerRow) {
                    var expected = [Float](repeating: .nan, count: range.count * width)
                    for channel in 0..<width {
                        var column = [Float](repeating: .nan, count: range.count)
                        average.apply(over: range, domain: domain, into: &column) {
                            rows[($0 - domain.lowerBound) / samplesPerRow * width + channel]
                        }
                        for (offset, value) in column.enumerated() {
                            expected[offset * width + channel] = value
                        }
                    }
                    for instructionSet in KernelInstructionSet.supported {
                        var actual = [Float](repeating: .nan, count: range.count * width)
                        rows.withUnsafeBufferPointer { rows in
                            actual.withUnsafeMutableBufferPointer { output in
                                average.applyToRows(
                                    over: range, input: rows.baseAddress!, start: domain.lowerBound, rowCount: frameCount,
                                    samplesPerRow: samplesPerRow, width: width, into: output.baseAddress!,
                                    instructionSet: instructionSet)
                            }
                        }
                        #expect(
                            actual.map(\.bitPattern) == expected.map(\.bitPattern),
                            "\(instructionSet): N \(length), width \(width), \(samplesPerRow) per row, range \(range)")
                    }
                }
            }
        }
    }

    /// The whole domain, a range with its input window (clamped), and short ranges at both ends.
    static func ranges(domain: Range<Int>, samplesPerFrame: Int) -> [Range<Int>] {
        let start = domain.lowerBound, end = domain.upperBound
        return [
            domain, start..<min(end, start + 1), max(start, end - samplesPerFrame - 3)..<end,
            min(end - 1, start + samplesPerFrame / 2)..<end, start..<start + (end - start) / 2,
        ].filter { !$0.isEmpty }
    }
}
