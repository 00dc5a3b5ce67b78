import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroFiles
import NeuroSafeTensors

/// The `tail_gate` section of an NSF config: decoding and its errors, and the gate inside
/// ``NSFModel``: it only attenuates, and chunked generation still equals the whole impact.
@Suite struct NSFTailGateTests {
    static let gate = NSFConfig.TailGate(thresholdDecibels: 20, kneeDecibels: 10, marginDecibels: 3)

    /// A hit whose requested rms falls by 2 dB per frame, to 92 dB below its peak.
    static func fallingFrames(_ count: Int) -> [ControlFrame] {
        SmallNSFModel.impactFrames(count).enumerated().map { index, frame in
            var frame = frame
            frame.rms = Float(0.3 * pow(10, -2 * Double(index) / 20))
            return frame
        }
    }

    private func gatedModel() throws -> NSFModel {
        var config = SmallNSFModel.config()
        config.tailGate = Self.gate
        return try SmallNSFModel.model(config: config)
    }

    @Test func theGateOnlyAttenuatesAndActsInTheTail() throws {
        let frames = Self.fallingFrames(47)
        let plain = try SmallNSFModel.whole(SmallNSFModel.model(), frames, seed: 2)
        let gated = try SmallNSFModel.whole(gatedModel(), frames, seed: 2)
        #expect(gated.allSatisfy { $0.isFinite })
        #expect(zip(gated, plain).allSatisfy { abs($0) <= abs($1) })
        // Frames less than 20 dB below the peak are untouched, the last ones are pulled far down.
        let spf = SmallNSFModel.config().samplesPerFrame
        #expect(gated[0..<10 * spf] == plain[0..<10 * spf])
        let tail = 40 * spf..<47 * spf
        let energy = { (samples: ArraySlice<Float>) in samples.reduce(0) { $0 + Double($1) * Double($1) } }
        #expect(energy(gated[tail]) < 1e-2 * energy(plain[tail]))
    }

    @Test func chunkedWithTheStreamingPlanEqualsTheWholeImpactOutsideCrossfades() throws {
        try Self.expectChunksEqualTheWholeImpactOutsideCrossfades(gatedModel(), Self.fallingFrames(47), seed: 6)
    }

    /// Renders `frames` whole and with the streaming plan and expects every frame outside the
    /// cross-fades to be equal.
    static func expectChunksEqualTheWholeImpactOutsideCrossfades(
        _ model: NSFModel, _ frames: [ControlFrame], seed: UInt64
    ) throws {
        let spf = model.samplesPerFrame
        let plan = ChunkPlan.streaming(for: model)
        let reference = try SmallNSFModel.whole(model, frames, seed: seed)
        let chunked = try ImpactRenderer.render(model: model, frames: frames, seed: seed, plan: plan)
        #expect(plan.chunkCount(totalFrames: frames.count) >= 3)
        let crossfades = (1..<plan.chunkCount(totalFrames: frames.count)).map { index in
            let chunk = plan.chunk(index, totalFrames: frames.count)
            return chunk.frames.lowerBound..<chunk.frames.lowerBound + chunk.crossfadeFrames
        }
        for frame in 0..<frames.count where !crossfades.contains(where: { $0.contains(frame) }) {
            let samples = frame * spf..<(frame + 1) * spf
            #expect(chunked[samples] == reference[samples], "frame \(frame)")
        }
    }

    /// The gate rewinds with the network: what follows a call depends on its hop, not on how far it generated.
    @Test func theNextCallDependsOnTheHopNotOnHowFarThePreviousOneWent() throws {
        let model = try gatedModel()
        let frames = Self.fallingFrames(40)
        let spf = model.samplesPerFrame
        func next(afterFirstCallOf firstCount: Int) throws -> [Float] {
            model.reset(seed: 9)
            var first = [Float](repeating: 0, count: firstCount * spf)
            var firstSpan = first.mutableSpan
            try model.generate(frames: frames.span.extracting(0..<firstCount), advancing: 18, into: &firstSpan)
            var second = [Float](repeating: 0, count: 22 * spf)
            var secondSpan = second.mutableSpan
            try model.generate(frames: frames.span.extracting(18..<40), advancing: 22, into: &secondSpan)
            return second
        }
        // Both first calls see the look-ahead of every frame before their hop, so the network's state
        // at the hop is the same; the gate has run over 18 + look-ahead and 30 frames.
        #expect(model.lookAheadFrames < 11)
        #expect(try next(afterFirstCallOf: 18 + model.lookAheadFrames) == next(afterFirstCallOf: 30))
    }

    @Test func decodesRoundTripsAndIsAbsentByDefault() throws {
        let plain = try JSONDecoder().decode(NSFConfig.self, from: Data(NSFConfigTests.smallJSON.utf8))
        #expect(plain.tailGate == nil)
        let config = try NSFConfigTests.validatedConfig(
            with: "\"tail_gate\": {\"threshold_db\": 30, \"knee_db\": 10, \"margin_db\": 2.5},", name: "gate.json")
        #expect(config.tailGate == NSFConfig.TailGate(thresholdDecibels: 30, kneeDecibels: 10, marginDecibels: 2.5))
    }

    @Test func aMissingGateKeyIsNamed() {
        let json = NSFConfigTests.smallJSON(with: "\"tail_gate\": {\"threshold_db\": 30, \"knee_db\": 10},")
        #expect(throws: NeuroError(.invalidData, "gate.json: missing key tail_gate.margin_db")) {
            try JSONFile.decode(NSFConfig.self, from: Data(json.utf8), name: "gate.json")
        }
    }

    @Test func badGateParametersAreRefusedNamingTheKey() throws {
        let cases: [(NSFConfig.TailGate, String)] = [
            (.init(thresholdDecibels: -1, kneeDecibels: 10, marginDecibels: 3), "tail_gate.threshold_db must be 0…120 dB, got -1.0"),
            (.init(thresholdDecibels: 30, kneeDecibels: .nan, marginDecibels: 3), "tail_gate.knee_db must be 0…60 dB, got nan"),
            (.init(thresholdDecibels: 30, kneeDecibels: 10, marginDecibels: -2), "tail_gate.margin_db must be 0…40 dB, got -2.0"),
            (.init(thresholdDecibels: 30, kneeDecibels: 10, marginDecibels: .infinity), "tail_gate.margin_db must be 0…40 dB, got inf"),
        ]
        for (gate, message) in cases {
            var config = SmallNSFModel.config()
            config.tailGate = gate
            #expect(throws: NeuroError(.invalidData, "NSF config: \(message)")) { try config.validate() }
            let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "small.safetensors")
            #expect(throws: NeuroError(.invalidData, "NSF config: \(message)")) {
                try NSFModel(config: config, weights: file, name: "small", maxFramesPerCall: 64)
            }
        }
    }

    /// The shipped model turns the gate on; `DefaultModelParityTests` checks its trace (the network,
    /// before the gate) against PyTorch and `DefaultModelStreamingTests` its chunking, gate included.
    @Test func theDefaultModelHasATailGate() throws {
        #expect(try DefaultNSFModel.load().config.tailGate != nil)
    }
}
