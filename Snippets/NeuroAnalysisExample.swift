// Measure the seven descriptors of a signal (librosa parity) and check them against what was intended.
import Foundation
import NeuroCore
import NeuroAnalysis

// 40 frames of a decaying 440 Hz sine at 22 050 Hz.
let sampleRate = 22_050, hop = 512, frameCount = 40
let signal = (0..<frameCount * hop).map { index -> Float in
    let time = Float(index) / Float(sampleRate)
    return 0.5 * exp(-time / 0.15) * sin(2 * .pi * 440 * time)
}

let extractor = try DescriptorExtractor()  // DescriptorSettings.librosa
let profile = try extractor.profile(of: signal, name: "sine-440")
print("\(signal.count) samples -> \(profile.frames.count) frames (1 + n / hop, centred)")
let frame = profile.frames[10]
print("frame 10: rms \(frame.rms), f0 \(frame.f0) Hz, centroid \(frame.centroid) Hz")

// How well the measured loudness follows the intended envelope (amplitude / √2 per frame).
var agreement = CurveAgreement()
for index in 0..<frameCount {
    let time = Float(index * hop) / Float(sampleRate)
    agreement.add(requested: 0.5 * exp(-time / 0.15) / Float(2).squareRoot(), produced: profile.frames[index].rms)
}
print("rms: pearson r \(agreement.pearson ?? .nan) over \(agreement.count) frames")

// An SVG of the waveform and the seven curves.
let svg = ProfilePlot().svg(profile, waveform: signal)
print("plot: \(svg.utf8.count) bytes of SVG")
