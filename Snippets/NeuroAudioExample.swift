// Render two gates through the engine into a stereo WAV file with a RenderLoop, read it back and resample it.
import Foundation
import NeuroCore
import NeuroAudio
import NeuroModal

// A decaying metallic hit for NeuroModal's modal model (any ImpactModel plays through the same loop).
let frames = (0..<20).map { index in
    ControlFrame(rms: 0.5 * exp(-Float(index) / 4), zcr: 0.05, rolloff: 3_000, flatness: 0.01, bandwidth: 1_500, centroid: 1_200, f0: 330)
}
let engine = try Engine(model: ModalImpactModel(), control: LatentControl(primary: ImpactProfile(name: "hit", frames: frames)))

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
