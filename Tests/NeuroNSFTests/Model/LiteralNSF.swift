import Foundation
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// A literal, whole-sequence transcription of SPEC.md §2–§5 for tests: no tiling, no streaming,
/// no kernels, every moving average and convolution summed term by term.
///
/// It checks the engine on small variants the PyTorch fixtures do not cover (other widths,
/// lengths, dilations and tap counts). Slow on purpose; use a few frames only.
struct LiteralNSF {
    let config: NSFConfig
    let file: SafeTensorsFile

    private func tensor(_ name: String) -> [Float] {
        (try? file.floats(name)) ?? []
    }

    private static func movingAverage(_ signal: [Float], length: Int) -> [Float] {
        let left = (length - 1) / 2
        return signal.indices.map { t in
            var sum = 0.0
            for m in 0..<length {
                sum += Double(signal[min(max(t - left + m, 0), signal.count - 1)])
            }
            return Float(sum / Double(length))
        }
    }

    /// The output waveform and the context for `frames` with the injected `draws`.
    func run(frames: [ControlFrame], draws: NSFRandomDraws) -> (output: [Float], context: [[Float]]) {
        let hidden = config.hiddenDimension, spf = config.samplesPerFrame, sines = config.sineCount
        let count = frames.count * spf
        let mean = tensor("input_mean"), std = tensor("input_std")
        var layer = frames.map { frame in (0..<7).map { (frame.values[$0] - mean[$0]) / std[$0] } }
        let normalized = layer
        for index in 0..<config.condition.convolutionLayers {
            let weights = tensor("m_cond.l_conv1ds.\(index).weight"), bias = tensor("m_cond.l_conv1ds.\(index).bias")
            let inputs = layer[0].count
            layer = layer.indices.map { j in
                (0..<hidden).map { o in
                    var sum = Double(bias[o])
                    for k in 0..<3 where (0..<layer.count).contains(j + k - 1) {
                        for i in 0..<inputs {
                            sum += Double(weights[(o * inputs + i) * 3 + k]) * Double(layer[j + k - 1][i])
                        }
                    }
                    return tanh(Float(sum))
                }
            }
        }
        let smoothing = config.resolvedSmoothingLength
        let smoothed = (0..<hidden).map { c in
            Self.movingAverage(Self.movingAverage((0..<count).map { layer[$0 / spf][c] }, length: smoothing), length: smoothing)
        }
        let pitch = Self.movingAverage(
            Self.movingAverage((0..<count).map { normalized[$0 / spf][6] }, length: smoothing), length: smoothing)
        let context = (0..<count).map { t in (0..<hidden).map { $0 == hidden - 1 ? pitch[t] : smoothed[$0][t] } }
        let f0 = (0..<count).map { frames[$0 / spf].f0 }
        let voiced = f0.map { Float($0 > 0 ? 1 : 0) }
        let rawCutoff = (0..<count).map { (Float(0.2) * smoothed[hidden - 1][$0] + Float(0.4) * voiced[$0]) + Float(0.3) }
        let cutoff = Self.movingAverage(rawCutoff, length: config.resolvedCutoffSmoothingLength)

        let amplitude = config.source.sineAmplitude, deviation = config.source.noiseStandardDeviation
        let merge = tensor("m_source.l_linear.weight"), mergeBias = tensor("m_source.l_linear.bias")[0]
        var excitation = [Float](repeating: 0, count: count)
        for h in 0..<sines {
            var increments = (0..<count).map { t -> Float in
                let cycles = (Float(h + 1) * f0[t]) / Float(config.sampleRate)
                return cycles - cycles.rounded(.down)
            }
            increments[0] += h == 0 ? 0 : draws.initialPhases[h]
            var unwrapped = 0.0, phase = 0.0, previous: Float = 0
            for t in 0..<count {
                unwrapped += Double(increments[t])
                let wrapped = Float(unwrapped) - Float(unwrapped).rounded(.down)
                let shift: Float = t > 0 && wrapped - previous < 0 ? -1 : 0
                previous = wrapped
                phase += Double(increments[t] + shift)
                let sine = sin((Float(phase) * 2) * Float(Double.pi)) * amplitude
                let noise = voiced[t] * deviation + ((1 - voiced[t]) * amplitude) / 3
                excitation[t] += merge[h] * (sine * voiced[t] + noise * draws.sineNoise[t * sines + h])
            }
        }
        var harmonic = excitation.map { tanh($0 + mergeBias) }
        var noise = draws.excitationNoise.prefix(count).map { ($0 * amplitude) / 3 }
        for index in 0..<config.filter.harmonicBlockCount {
            harmonic = block(harmonic, context, prefix: "m_filter.l_har_blocks.\(index).", dilations: config.filter.harmonicDilations)
        }
        for index in 0..<config.filter.noiseBlockCount {
            noise = block(noise, context, prefix: "m_filter.l_noi_blocks.\(index).", dilations: config.filter.noiseDilations)
        }
        let output = (0..<count).map { t in
            let (low, high) = taps(cutoff[t])
            var harmonicSum: Float = 0, noiseSum: Float = 0
            for k in low.indices where t - k >= 0 {
                harmonicSum += harmonic[t - k] * low[k]
                noiseSum += noise[t - k] * high[k]
            }
            return harmonicSum + noiseSum
        }
        return (output, context)
    }

    private func block(_ signal: [Float], _ context: [[Float]], prefix: String, dilations: [Int]) -> [Float] {
        let hidden = config.hiddenDimension
        let expand = tensor(prefix + "l_ff_1.weight")
        var state = signal.map { value in expand.map { tanh($0 * value) } }
        for (index, dilation) in dilations.enumerated() {
            let weights = tensor(prefix + "l_convs.\(index).weight")
            state = state.indices.map { t in
                (0..<hidden).map { o in
                    var sum: Float = 0
                    for k in 0..<3 where t - (2 - k) * dilation >= 0 {
                        for i in 0..<hidden {
                            sum += weights[(o * hidden + i) * 3 + k] * state[t - (2 - k) * dilation][i]
                        }
                    }
                    return (state[t][o] + tanh(sum)) + context[t][o]
                }
            }
        }
        let scale = tensor(prefix + "scale")[0], compress = tensor(prefix + "l_ff_2.weight"), project = tensor(prefix + "l_ff_3.weight")
        return state.indices.map { t in
            let bottleneck = project.indices.map { u in
                tanh((0..<hidden).reduce(Float(0)) { $0 + compress[u * hidden + $1] * (state[t][$1] * scale) })
            }
            return tanh(project.indices.reduce(Float(0)) { $0 + project[$1] * bottleneck[$1] }) + signal[t]
        }
    }

    private func taps(_ cutoff: Float) -> (low: [Float], high: [Float]) {
        let order = config.filter.sincOrder, half = order / 2
        let pi = Float(Double.pi)
        func sinc(_ y: Float) -> Float { sin(pi * y) / (pi * y) }
        var low = [Float](), high = [Float]()
        for index in 0..<order {
            let n = index - half
            let window = Float(0.54) + Float(0.46) * cos((Float(2 * Double.pi) * Float(n)) / Float(order))
            let scaled = n == 0 ? cutoff : cutoff * sinc(cutoff * Float(n))
            low.append(scaled * window)
            high.append(((n == 0 ? 1 : sinc(Float(n))) - scaled) * window)
        }
        let lowSum = low.reduce(0, +)
        let highSum = high.indices.reduce(Float(0)) { $0 + (($1 - half) % 2 == 0 ? high[$1] : -high[$1]) }
        return (low.map { $0 / lowSum }, high.map { $0 / highSum })
    }
}
