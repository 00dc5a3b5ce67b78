// Render two gates through the engine into a stereo WAV file with a RenderLoop, read it back and resample it.
import Foundation
import NeuroCore
import NeuroAudio

// A decaying sine at the f0 of each frame: a stand-in for NeuroModal or NeuroNSF.
final class SineImpactModel: ImpactModel, @unchecked Sendable {
    let name = "sine", sampleRate = 22_050, samplesPerFrame = 512, maxFramesPerCall = 4096
    let descriptorLayout: [Descriptor] = [.rms, .f0]
    let statistics: DescriptorStatistics? = nil
    private var phase: Float = 0

    func reset(seed: UInt64) { phase = 0 }

    func generate(frames: Span<ControlFrame>, advancing hop: Int, into output: inout MutableSpan<Float>) throws(NeuroError) {
        try validateGenerateArguments(frames: frames, hop: hop, outputCount: output.count)
        var phase = self.phase
        for index in frames.indices {
            if index == hop { self.phase = phase }
            for offset in 0..<samplesPerFrame {
                phase = (phase + 2 * .pi * frames[index].f0 / Float(sampleRate)).truncatingRemainder(dividingBy: 2 * .pi)
                output[index * samplesPerFrame + offset] = frames[index].rms * sin(phase)
            }
        }
        if hop == frames.count { self.phase = phase }
    }
}

let frames = (0..<20).map { index in
    ControlFrame(rms: 0.5 * exp(-Float(index) / 4), zcr: 0, rolloff: 0, flatness: 0, bandwidth: 0, centroid: 0, f0: 330)
}
let engine = try Engine(model: SineImpactModel(), control: LatentControl(primary: ImpactProfile(name: "sine", frames: frames)))

// A file sink streams the periods into a temporary file; finish() renames it into place.
let url = FileManager.default.temporaryDirectory.appendingPathComponent("neurorack-two-hits.wav")
let sink = WAVFileSink(url: url, sampleFormat: .int24)
let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: 256, channelCount: 2)
let script = [
    ScheduledEvent(sampleTime: 0, event: .gatePlay(velocity: 1)),
    ScheduledEvent(sampleTime: 11_025, event: .gatePlay(velocity: 0.5)),  // 0.5 s later, sample-accurate
]
try loop.run(periods: 130, script: script, generation: .inline)  // offline: deterministic, no underruns
try loop.finish()
print("loop: \(loop.counters.periods) periods, \(loop.counters.deadlineMisses) late, \(loop.counters.sinkFailures) failed writes")

let contents = try WAVReader.read(from: url)
let audio = contents.audio
print("\(contents.sampleFormat.rawValue), \(audio.format.channelCount) channels, \(audio.frameCount) frames, \(audio.duration) s")

let mono = audio.downmixedToMono()
let resampled = try Resampler(from: 22_050, to: 48_000).resample(mono)
print("resampled: \(resampled.frameCount) frames at \(resampled.format.sampleRate) Hz")
try FileManager.default.removeItem(at: url)
