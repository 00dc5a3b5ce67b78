import Foundation
import NeuroCore

/// A cheap synthetic impact model for benchmarks: a decaying sine whose level follows the frames' rms.
final class DecayingSineModel: ImpactModel, @unchecked Sendable {
    let name = "decaying-sine"
    let sampleRate = 22_050
    let samplesPerFrame = 512
    let descriptorLayout = Descriptor.allCases
    let statistics: DescriptorStatistics? = nil
    let maxFramesPerCall = 64
    private var position = 0

    func reset(seed: UInt64) { position = 0 }

    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        for index in output.indices {
            let time = Float(position * samplesPerFrame + index) / Float(sampleRate)
            output[index] = frames[index / samplesPerFrame].rms * sin(2 * .pi * 220 * time) * exp(-3 * time)
        }
        position += hop
    }
}
