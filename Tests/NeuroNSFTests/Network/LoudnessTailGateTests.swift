import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore

/// The tail gate on synthetic model output: it pulls a hum down to the request plus the margin,
/// holds a rising frame or a steep fall to the ceiling, leaves output that follows the request alone,
/// never amplifies, glides and stays finite.
@Suite struct LoudnessTailGateTests {
    /// Longer than the gate's glide, so every frame has a glide and a hold.
    static let samplesPerFrame = 128
    static let parameters = NSFConfig.TailGate(thresholdDecibels: 20, kneeDecibels: 10, marginDecibels: 3)

    /// A request that decays by `decibelsPerFrame` from 0.3.
    static func decayingRequest(frames: Int, decibelsPerFrame: Double) -> [Float] {
        (0..<frames).map { Float(0.3 * pow(10, -decibelsPerFrame * Double($0) / 20)) }
    }

    /// A sine of 8 periods per frame whose rms in frame `f` is `amplitudes[f]`, plus `offset` (DC).
    static func tone(rms amplitudes: [Float], offset: Float = 0) -> [Float] {
        (0..<amplitudes.count * samplesPerFrame).map { index in
            let phase = 2 * Double.pi * Double(index % 16) / 16
            return amplitudes[index / samplesPerFrame] * Float(2.0.squareRoot() * sin(phase)) + offset
        }
    }

    /// `samples` after the gate, frame by frame with `requests`.
    static func gated(_ samples: [Float], requests: [Float], parameters: NSFConfig.TailGate = parameters) -> [Float] {
        var gate = LoudnessTailGate(parameters: parameters, samplesPerFrame: samplesPerFrame)
        var output = samples
        var span = output.mutableSpan
        let frames = requests.map { ControlFrame(rms: $0, zcr: 0, rolloff: 0, flatness: 0, bandwidth: 0, centroid: 0, f0: 0) }
        for frame in requests.indices {
            gate.apply(requests: frames.span, frame: frame, to: &span, from: frame * samplesPerFrame)
        }
        return output
    }

    static func frameRMS(_ samples: [Float], _ frame: Int) -> Double {
        let slice = samples[frame * samplesPerFrame..<(frame + 1) * samplesPerFrame]
        return (slice.reduce(0) { $0 + Double($1) * Double($1) } / Double(samplesPerFrame)).squareRoot()
    }

    @Test func humIsPulledDownToTheRequestPlusTheMargin() {
        let requests = Self.decayingRequest(frames: 60, decibelsPerFrame: 2)
        // A model that follows the request down to 1e-3 and then holds a tone there (with DC).
        let hum = Self.tone(rms: requests.map { max($0, 1e-3) }, offset: 5e-4)
        let output = Self.gated(hum, requests: requests)
        let margin = pow(10, 3.0 / 20)
        // Fully engaged from 30 dB below the peak (frame 15 on): within the margin of the frame's
        // request (the gain glides from the previous frame's target over the first half of the frame).
        for frame in 17..<requests.count {
            #expect(Self.frameRMS(output, frame) <= 1.02 * margin * Double(requests[frame]), "frame \(frame)")
        }
        // 2 dB per frame for 59 frames: the last frame sits 118 dB below the peak, the hum 50 dB above the request.
        #expect(Self.frameRMS(output, requests.count - 1) < 1e-3 * Self.frameRMS(hum, requests.count - 1))
        // Above the threshold nothing changes.
        #expect(output[0..<10 * Self.samplesPerFrame] == hum[0..<10 * Self.samplesPerFrame])
    }

    @Test func aSteepFallIsHeldToTheLowestUpcomingRequest() {
        // 10 dB per frame from frame 10 on, a model that only falls 3 dB per frame.
        let requests = Self.decayingRequest(frames: 10, decibelsPerFrame: 1)
            + Self.decayingRequest(frames: 8, decibelsPerFrame: 10).map { $0 * Float(pow(10, -0.45)) }
        let model = Self.tone(rms: (0..<requests.count).map { Float(0.3 * pow(10, -3 * Double($0) / 20)) })
        let output = Self.gated(model, requests: requests)
        let margin = pow(10, 3.0 / 20)
        let engaged = (0..<requests.count).filter { 20 * log10(0.3 / Double(requests[$0])) >= 30 }
        #expect(engaged.count >= 4)
        for frame in engaged.dropFirst() {
            let lowest = requests[frame...].prefix(LoudnessTailGate.lookAheadFrames + 1).min() ?? 0
            // The glide spends half the frame moving from the previous target.
            #expect(Self.frameRMS(output, frame) <= 2 * margin * Double(lowest), "frame \(frame)")
            #expect(Self.frameRMS(output, frame) <= 1.05 * margin * Double(requests[frame]), "frame \(frame)")
        }
    }

    @Test func aFrameThatRisesInTheTailIsHeldAtTheCeiling() {
        // The request holds 40 dB below the peak; the model output jumps 12 dB up for one frame.
        let requests: [Float] = [0.3] + Array(repeating: 0.003, count: 12)
        var levels = Array(repeating: Float(0.003), count: requests.count)
        levels[8] = 0.012
        let output = Self.gated(Self.tone(rms: levels), requests: requests)
        let ceiling = pow(10, 3.0 / 20) * 0.003
        // The jump passes only during the glide (the first half of the frame).
        #expect(Self.frameRMS(output, 8) <= 3 * ceiling)
        #expect(Self.frameRMS(output, 8) >= ceiling)
        for frame in 9..<requests.count {
            #expect(Self.frameRMS(output, frame) <= 1.0001 * ceiling, "frame \(frame)")
        }
    }

    @Test func outputThatFollowsTheRequestIsUntouched() {
        let requests = Self.decayingRequest(frames: 80, decibelsPerFrame: 1)
        let decaying = Self.tone(rms: requests)
        #expect(Self.gated(decaying, requests: requests) == decaying)
    }

    @Test func aZeroRequestAfterTheHitGivesSilence() {
        let requests = Self.decayingRequest(frames: 20, decibelsPerFrame: 3) + Array(repeating: 0, count: 4)
        let output = Self.gated(Self.tone(rms: Array(repeating: 0.01, count: 24)), requests: requests)
        #expect(output[(21 * Self.samplesPerFrame)...].allSatisfy { $0 == 0 })
    }

    @Test func gainGlidesAndNeverExceedsOne() {
        // A constant input of 1 makes the output the gain itself.
        let requests = Self.decayingRequest(frames: 12, decibelsPerFrame: 6) + Array(repeating: 0.3, count: 4)
            + Self.decayingRequest(frames: 12, decibelsPerFrame: 9)
        let gains = Self.gated(Array(repeating: 1, count: requests.count * Self.samplesPerFrame), requests: requests)
        #expect(gains.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(gains.min() ?? 1 < 0.01)
        let largestStep = zip(gains.dropFirst(), gains).map { abs($0 - $1) }.max() ?? 0
        let gate = LoudnessTailGate(parameters: Self.parameters, samplesPerFrame: Self.samplesPerFrame)
        #expect(gate.glideSamples == LoudnessTailGate.longestGlide)
        #expect(largestStep <= 1 / Float(gate.glideSamples) + 1e-6)
    }

    @Test func randomOutputIsNeverAmplifiedAndStaysFinite() {
        var random = SplitMix64(seed: 14)
        let extremes: [Float] = [0, 1e-30, 1, 1e30, .greatestFiniteMagnitude]
        for _ in 0..<50 {
            let frames = 24
            let requests = (0..<frames).map { _ in
                random.next() % 5 == 0 ? extremes[Int(random.next() % 5)] : random.float(in: 0...0.5)
            }
            let samples = (0..<frames * Self.samplesPerFrame).map { _ in
                random.next() % 97 == 0 ? extremes[Int(random.next() % 5)] * (random.next() % 2 == 0 ? 1 : -1)
                    : random.float(in: -0.1...0.1)
            }
            let parameters = NSFConfig.TailGate(
                thresholdDecibels: random.float(in: 0...60), kneeDecibels: Float(random.next() % 3) * 10,
                marginDecibels: random.float(in: 0...6))
            let output = Self.gated(samples, requests: requests, parameters: parameters)
            #expect(output.allSatisfy { $0.isFinite })
            #expect(zip(output, samples).allSatisfy { abs($0) <= abs($1) })
        }
    }

    @Test func nonFiniteModelOutputDoesNotSpreadThroughTheGain() {
        let requests = Self.decayingRequest(frames: 30, decibelsPerFrame: 3)
        var hum = Self.tone(rms: Array(repeating: 0.01, count: 30))
        hum[20 * Self.samplesPerFrame + 5] = .nan
        hum[21 * Self.samplesPerFrame + 7] = .infinity
        let output = Self.gated(hum, requests: requests)
        let outsideBadFrames = output[(22 * Self.samplesPerFrame)...] + output[..<(20 * Self.samplesPerFrame)]
        #expect(outsideBadFrames.allSatisfy { $0.isFinite })
    }
}
