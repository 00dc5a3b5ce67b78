import Foundation
import NeuroCore

/// The streaming state of ``ModalImpactModel``: mode phasors, the noise filter and its generator.
struct ModalVoiceState {
    /// Real parts of the unit phasors, one per mode.
    private var real: [Float]
    /// Imaginary parts of the unit phasors; a mode's output is `amplitude · imaginary`.
    private var imaginary: [Float]
    private var noise = NoiseFilterState()
    private var generator: SplitMix64

    /// A fresh state: phasors at phases drawn from `seed`, silent noise filter.
    init(modeCount: Int, seed: UInt64) {
        generator = SplitMix64(seed: seed)
        var phases = SplitMix64(seed: seed ^ 0x9A5E_5000_0000_0001)
        let angles = (0..<modeCount).map { _ in 2 * Float.pi * phases.nextUnitFloat() }
        real = angles.map { cos($0) }
        imaginary = angles.map { sin($0) }
    }

    /// Renders one frame into `block`: amplitudes and mode frequencies move linearly from
    /// `current` (first sample) towards `next` (reached one sample after the block), so pitch
    /// glides smoothly; the noise has the colour of `current`.
    mutating func render(from current: ModalFrameParameters, to next: ModalFrameParameters, into block: inout [Float]) {
        let count = block.count
        let step = 1 / Float(count)
        for offset in 0..<count {
            block[offset] = 0
        }
        for mode in real.indices {
            let start = current.modeAmplitudes[mode]
            let end = next.modeAmplitudes[mode]
            let angle = current.modeAngles[mode]
            let angleStep = (next.modeAngles[mode] - angle) / Double(count)
            var re = real[mode], im = imaginary[mode]
            if start == 0 && end == 0 {
                let turn = angle * Double(count) + angleStep * Double(count * (count - 1) / 2)
                (re, im) = Self.rotated(re, im, by: turn)
            } else {
                var rotationRe = Float(cos(angle)), rotationIm = Float(sin(angle))
                let glideRe = Float(cos(angleStep)), glideIm = Float(sin(angleStep))
                let slope = (end - start) * step
                for offset in 0..<count {
                    block[offset] += (start + slope * Float(offset)) * im
                    (re, im) = (re * rotationRe - im * rotationIm, re * rotationIm + im * rotationRe)
                    (rotationRe, rotationIm) = (rotationRe * glideRe - rotationIm * glideIm, rotationRe * glideIm + rotationIm * glideRe)
                }
            }
            let norm = (re * re + im * im).squareRoot()
            real[mode] = re / norm
            imaginary[mode] = im / norm
        }
        let noiseSlope = (next.noiseAmplitude - current.noiseAmplitude) * step
        noise.adopt(current.noiseColour)
        for offset in 0..<count {
            let level = current.noiseAmplitude + noiseSlope * Float(offset)
            block[offset] += level * noise.next(current.noiseColour, generator: &generator)
        }
    }

    /// The phasor `(re, im)` turned by `angle` radians.
    private static func rotated(_ re: Float, _ im: Float, by angle: Double) -> (Float, Float) {
        let c = Float(cos(angle)), s = Float(sin(angle))
        return (re * c - im * s, re * s + im * c)
    }
}
