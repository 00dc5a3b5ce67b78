import Foundation

/// A Hann-windowed magnitude spectrum of one block, with the spectral descriptors tests compare.
struct SpectrumMeasurement {
    /// |X(k)| for k = 0…n/2.
    let magnitudes: [Double]
    /// Hz per bin.
    let binWidth: Double

    /// Measures `signal[start ..< start + blocks · size]`: the mean magnitude spectrum of `blocks`
    /// consecutive blocks of `size` samples (a power of two).
    init(_ signal: [Float], start: Int, size: Int, blocks: Int = 1, sampleRate: Int) {
        var sum = [Double](repeating: 0, count: size / 2 + 1)
        for block in 0..<blocks {
            let offset = start + block * size
            var real = (0..<size).map { index in
                Double(signal[offset + index]) * (0.5 - 0.5 * cos(2 * Double.pi * Double(index) / Double(size)))
            }
            var imaginary = [Double](repeating: 0, count: size)
            Self.fft(&real, &imaginary)
            for bin in sum.indices {
                sum[bin] += (real[bin] * real[bin] + imaginary[bin] * imaginary[bin]).squareRoot() / Double(blocks)
            }
        }
        magnitudes = sum
        binWidth = Double(sampleRate) / Double(size)
    }

    /// Magnitude-weighted mean frequency (Hz), as librosa's spectral centroid.
    var centroid: Double {
        let total = magnitudes.reduce(0, +)
        return magnitudes.indices.reduce(0) { $0 + Double($1) * binWidth * magnitudes[$1] } / total
    }

    /// Magnitude-weighted standard deviation of frequency (Hz), as librosa's spectral bandwidth.
    var bandwidth: Double {
        let total = magnitudes.reduce(0, +)
        let mean = centroid
        let variance = magnitudes.indices.reduce(0) { sum, bin in
            let offset = Double(bin) * binWidth - mean
            return sum + offset * offset * magnitudes[bin]
        } / total
        return variance.squareRoot()
    }

    /// Geometric over arithmetic mean of the power spectrum, as librosa's spectral flatness.
    var flatness: Double {
        let power = magnitudes.map { max($0 * $0, 1e-10) }
        let logMean = power.reduce(0) { $0 + log($1) } / Double(power.count)
        return exp(logMean) / (power.reduce(0, +) / Double(power.count))
    }

    /// The lowest frequency below which 85 % of the magnitude lies, as librosa's spectral roll-off.
    var rolloff: Double {
        let threshold = 0.85 * magnitudes.reduce(0, +)
        var cumulative = 0.0
        for (bin, magnitude) in magnitudes.enumerated() {
            cumulative += magnitude
            if cumulative >= threshold { return Double(bin) * binWidth }
        }
        return Double(magnitudes.count - 1) * binWidth
    }

    /// The share of magnitude at or above `frequency`.
    func shareAbove(_ frequency: Double) -> Double {
        let first = Int((frequency / binWidth).rounded(.up))
        return magnitudes[min(first, magnitudes.count)...].reduce(0, +) / magnitudes.reduce(0, +)
    }

    /// In-place iterative radix-2 FFT.
    private static func fft(_ real: inout [Double], _ imaginary: inout [Double]) {
        let count = real.count
        var target = 0
        for index in 0..<count {
            if index < target {
                real.swapAt(index, target)
                imaginary.swapAt(index, target)
            }
            var bit = count >> 1
            while bit > 0 && target & bit != 0 {
                target ^= bit
                bit >>= 1
            }
            target |= bit
        }
        var length = 2
        while length <= count {
            let angle = -2 * Double.pi / Double(length)
            for start in stride(from: 0, to: count, by: length) {
                for offset in 0..<length / 2 {
                    let c = cos(angle * Double(offset)), s = sin(angle * Double(offset))
                    let even = start + offset, odd = even + length / 2
                    let re = real[odd] * c - imaginary[odd] * s
                    let im = real[odd] * s + imaginary[odd] * c
                    real[odd] = real[even] - re
                    imaginary[odd] = imaginary[even] - im
                    real[even] += re
                    imaginary[even] += im
                }
            }
            length <<= 1
        }
    }
}

/// Root-mean-square of `samples[range]`.
func rootMeanSquare(_ samples: [Float], _ range: Range<Int>) -> Double {
    (samples[range].reduce(0) { $0 + Double($1) * Double($1) } / Double(range.count)).squareRoot()
}

/// Zero crossings per sample in `samples[range]`.
func zeroCrossingRate(_ samples: [Float], _ range: Range<Int>) -> Double {
    let crossings = range.dropFirst().filter { (samples[$0] >= 0) != (samples[$0 - 1] >= 0) }.count
    return Double(crossings) / Double(range.count)
}
