import Foundation
import NeuroCore

/// A test model that follows rms and f0 only: a sine at f0 with amplitude rms·√2, its phase
/// carried across calls (so chunked renders join smoothly), or, when `isDeaf`, a fixed sine
/// that ignores the controls.
final class SineImpactModel: ImpactModel, @unchecked Sendable {
    let name: String
    let sampleRate = 22_050
    let samplesPerFrame = 512
    let descriptorLayout = Descriptor.allCases
    let statistics: DescriptorStatistics? = nil
    let maxFramesPerCall = 64
    private let isDeaf: Bool
    private var phase = 0.0

    init(isDeaf: Bool = false) {
        self.isDeaf = isDeaf
        name = isDeaf ? "deaf-sine" : "sine"
    }

    func reset(seed: UInt64) { phase = 0 }

    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        var running = phase
        for index in frames.indices {
            let frame = frames[index]
            let frequency = isDeaf ? 220 : Double(max(frame.f0, 0))
            let amplitude = isDeaf ? 0.3 : Double(frame.rms) * 2.0.squareRoot()
            for sample in 0..<samplesPerFrame {
                output[index * samplesPerFrame + sample] = Float(amplitude * sin(running))
                running += 2 * Double.pi * frequency / Double(sampleRate)
            }
            if index == hop - 1 { phase = running }
        }
    }
}
