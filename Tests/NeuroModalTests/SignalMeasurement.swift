import NeuroCore
/// Root-mean-square of `samples[range]`.
func rootMeanSquare(_ samples: [Float], _ range: Range<Int>) -> Double {
    (samples[range].reduce(0) { $0 + Double($1) * Double($1) } / Double(range.count)).squareRoot()
}

/// Zero crossings per sample in `samples[range]`.
func zeroCrossingRate(_ samples: [Float], _ range: Range<Int>) -> Double {
    let crossings = range.dropFirst().filter { (samples[$0] >= 0) != (samples[$0 - 1] >= 0) }.count
    return Double(crossings) / Double(range.count)
}
