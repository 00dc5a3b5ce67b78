import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore
import NeuroSafeTensors

/// Streaming behaviour of ``NSFModel``: determinism, rewinding at `hop`, chunked versus whole impacts.
@Suite struct NSFStreamingTests {
    private func maxDifference(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func sameSeedSameSoundOtherSeedOtherSound() throws {
        let model = try SmallNSFModel.model()
        let frames = SmallNSFModel.impactFrames(20)
        let first = try SmallNSFModel.whole(model, frames, seed: 7)
        #expect(first.allSatisfy { $0.isFinite })
        #expect(first.contains { $0 != 0 })
        #expect(try SmallNSFModel.whole(model, frames, seed: 7) == first)
        #expect(try SmallNSFModel.whole(model, frames, seed: 8) != first)
    }

    @Test func aCallThatAdvancesLessRewindsToTheStateAtHop() throws {
        let model = try SmallNSFModel.model()
        let frames = SmallNSFModel.impactFrames(40)
        let spf = model.samplesPerFrame
        // Two calls over the same frames: the second repeats the look-ahead of the first.
        model.reset(seed: 3)
        var first = [Float](repeating: 0, count: 16 * spf)
        var firstSpan = first.mutableSpan
        try model.generate(frames: frames.span.extracting(0..<16), advancing: 15, into: &firstSpan)
        var second = [Float](repeating: 0, count: 16 * spf)
        var secondSpan = second.mutableSpan
        try model.generate(frames: frames.span.extracting(15..<31), advancing: 15, into: &secondSpan)
        // Replaying with a longer look-ahead from the same state gives the same second chunk head.
        model.reset(seed: 3)
        var replay = [Float](repeating: 0, count: 16 * spf)
        var replaySpan = replay.mutableSpan
        try model.generate(frames: frames.span.extracting(0..<16), advancing: 15, into: &replaySpan)
        #expect(replay == first)
        var again = [Float](repeating: 0, count: 16 * spf)
        var againSpan = again.mutableSpan
        try model.generate(frames: frames.span.extracting(15..<31), advancing: 15, into: &againSpan)
        #expect(again == second)
    }

    @Test func chunksOfAStationarySoundEqualTheWholeImpact() throws {
        let model = try SmallNSFModel.model()
        let frames = Array(repeating: SmallNSFModel.impactFrames(1)[0], count: 47)
        let reference = try SmallNSFModel.whole(model, frames, seed: 11)
        let chunked = try ImpactRenderer.render(model: model, frames: frames, seed: 11, plan: .neurorack)
        // Held frames are the truth here, except where a chunk that is not the last looks past the
        // impact's end: the whole impact pads with zero frames there (as PyTorch), the chunk holds.
        let exact = (frames.count - model.lookAheadFrames) * model.samplesPerFrame
        #expect(maxDifference(chunked[0..<exact], reference[0..<exact]) <= 1e-6)
    }

    @Test func chunksDifferFromTheWholeImpactOnlyThroughTheLookAhead() throws {
        let model = try SmallNSFModel.model()
        let frames = SmallNSFModel.impactFrames(47)
        let spf = model.samplesPerFrame
        let reference = try SmallNSFModel.whole(model, frames, seed: 5)
        let chunked = try ImpactRenderer.render(model: model, frames: frames, seed: 5, plan: .neurorack)
        // Before the first chunk's look-ahead runs out (CNN ±1 frame per layer, 3 frames of
        // moving-average reach), chunked and whole generation agree.
        let exactFrames = 16 - model.lookAheadFrames
        #expect(maxDifference(chunked[0..<exactFrames * spf], reference[0..<exactFrames * spf]) <= 1e-6)
        // Later the held-frame assumption makes small differences that the causal filters carry on.
        let peak = reference.map(abs).max() ?? 0
        #expect(maxDifference(chunked[...], reference[...]) <= 0.5 * peak)
        #expect(maxDifference(chunked[exactFrames * spf..<16 * spf], reference[exactFrames * spf..<16 * spf]) > 0)
    }

    @Test func chunksWithFullLookAheadEqualTheWholeImpactOutsideCrossfades() throws {
        let model = try SmallNSFModel.model()
        let frames = SmallNSFModel.impactFrames(47)
        let spf = model.samplesPerFrame
        let plan = try ChunkPlan(framesPerChunk: 15 + model.lookAheadFrames, hop: 15)
        let reference = try SmallNSFModel.whole(model, frames, seed: 6)
        let chunked = try ImpactRenderer.render(model: model, frames: frames, seed: 6, plan: plan)
        let crossfades = (1..<plan.chunkCount(totalFrames: frames.count)).map { index in
            let chunk = plan.chunk(index, totalFrames: frames.count)
            return chunk.frames.lowerBound..<chunk.frames.lowerBound + chunk.crossfadeFrames
        }
        for frame in 0..<frames.count where !crossfades.contains(where: { $0.contains(frame) }) {
            let samples = frame * spf..<(frame + 1) * spf
            #expect(maxDifference(chunked[samples], reference[samples]) == 0, "frame \(frame)")
        }
    }

    @Test func absurdButFiniteDescriptorsGiveFiniteSound() throws {
        let model = try SmallNSFModel.model()
        let extreme = ControlFrame(
            rms: .greatestFiniteMagnitude, zcr: -.greatestFiniteMagnitude, rolloff: 1e30, flatness: 0, bandwidth: -1e30,
            centroid: 0, f0: .greatestFiniteMagnitude)
        let frames = [extreme, .silence, extreme, SmallNSFModel.impactFrames(1)[0]]
        #expect(try SmallNSFModel.whole(model, frames, seed: 1).allSatisfy { $0.isFinite })
    }

    /// Wide enough to split (64 channels × 512 rows per layer), with blocks of several layers so
    /// that pipeline stages end inside blocks.
    private static func wideModel(threadCount: Int = 1, sharing: NSFThreadSharing = .automatic) throws -> NSFModel {
        let small = SmallNSFModel.config()
        let config = NSFConfig(
            sampleRate: small.sampleRate, samplesPerFrame: 512, hiddenDimension: 64, source: small.source,
            filter: .init(
                harmonicDilations: [1, 2, 4], noiseDilations: [1, 2], harmonicBlockCount: 2, noiseBlockCount: 1,
                feedForwardDimensions: [1, 64, 16, 1], sincOrder: 7, blockScale: 0.1))
        #expect(NSFModel.splitsLayers(config))
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "wide.safetensors")
        return try NSFModel(
            config: config, weights: file, name: "wide", maxFramesPerCall: 64, threadCount: threadCount,
            usesDenseKernels: true, sharing: sharing)
    }

    @Test(arguments: [2, 3])
    func severalThreadsGiveTheSameSoundEitherWay(threadCount: Int) throws {
        let frames = SmallNSFModel.impactFrames(6)
        let single = try Self.wideModel()
        // Chunks of 4 advancing 3 rewind every stage at the hop; the streaming plan does not.
        let chunked = try ChunkPlan(framesPerChunk: 4, hop: 3)
        let expectedWhole = try SmallNSFModel.whole(single, frames, seed: 4)
        let expectedChunked = try ImpactRenderer.render(model: single, frames: frames, seed: 4, plan: chunked)
        var random = SplitMix64(seed: 8)
        let samples = frames.count * single.samplesPerFrame
        let sines = single.config.sineCount
        let draws = try NSFRandomDraws(
            initialPhases: random.floats(sines, in: 0...0.99), sineNoise: random.floats(samples * sines, in: -2...2),
            excitationNoise: random.floats(samples, in: -2...2))
        let expectedTrace = try single.trace(frames: frames, draws: draws)
        for sharing in [NSFThreadSharing.layerRows, .framePipeline] {
            let threaded = try Self.wideModel(threadCount: threadCount, sharing: sharing)
            #expect(threaded.threadCount == threadCount && threaded.threadSharing == sharing)
            let whole = try SmallNSFModel.whole(threaded, frames, seed: 4)
            let streamed = try ImpactRenderer.render(model: threaded, frames: frames, seed: 4, plan: chunked)
            if sharing == .framePipeline {
                // On 2 threads the cut falls inside harmonic block 0 (on 3, between blocks).
                #expect(threadCount != 2 || threaded.stagePlan.stages[1].first == .block(.harmonic, 0, layers: 2..<3))
                // The same arithmetic in the same order on another thread: bit for bit.
                #expect(whole == expectedWhole, "\(threadCount) threads, \(sharing)")
                #expect(streamed == expectedChunked, "\(threadCount) threads, \(sharing)")
            } else {
                #expect(maxDifference(whole[...], expectedWhole[...]) <= 1e-6)
                #expect(maxDifference(streamed[...], expectedChunked[...]) <= 1e-6)
            }
            let copy = try #require(try threaded.makeIndependentCopy() as? NSFModel)
            #expect(copy.threadSharing == sharing)
            // The verification trace runs the same plan; every stage's tensors are joined.
            let traced = try threaded.trace(frames: frames, draws: draws)
            #expect(traced.tensors.keys.sorted() == expectedTrace.tensors.keys.sorted())
            for (name, values) in expectedTrace.tensors {
                #expect(maxDifference(traced.tensors[name, default: []][...], values[...]) <= 1e-6, "\(name)")
                #expect(traced.tensors[name]?.count == values.count && traced.rowWidths[name] == expectedTrace.rowWidths[name])
            }
        }
        #expect(try Self.wideModel(threadCount: threadCount).threadSharing != nil)
        #expect(single.threadSharing == nil)
    }

    @Test func theStreamingPlanEqualsTheWholeImpactEverywhere() throws {
        let model = try SmallNSFModel.model()
        let plan = ChunkPlan.streaming(for: model)
        #expect(!plan.synthesizesOverlap && plan.firstHop == ChunkPlan.streamingFirstHop)
        let frames = SmallNSFModel.impactFrames(40)
        let streamed = try ImpactRenderer.render(model: model, frames: frames, seed: 3, plan: plan)
        #expect(streamed == (try SmallNSFModel.whole(model, frames, seed: 3)))
        // The same plan with the overlap synthesized and cross-faded differs inside the cross-fades.
        let crossfaded = try ChunkPlan(framesPerChunk: plan.framesPerChunk, hop: plan.hop, firstHop: plan.firstHop)
        #expect(try ImpactRenderer.render(model: model, frames: frames, seed: 3, plan: crossfaded) != streamed)
    }

    @Test func anIndependentCopySoundsTheSameAndKeepsItsOwnState() throws {
        let model = try SmallNSFModel.model()
        let copy = try #require(try model.makeIndependentCopy() as? NSFModel)
        let frames = SmallNSFModel.impactFrames(8)
        let half = 4 * model.samplesPerFrame
        func call(_ model: NSFModel, _ part: Int) throws -> [Float] {
            var output = [Float](repeating: 0, count: half)
            var span = output.mutableSpan
            try model.generate(frames: frames.span.extracting((4 * part)..<(4 * part + 4)), advancing: 4, into: &span)
            return output
        }
        model.reset(seed: 9)
        let expected = try call(model, 0) + call(model, 1)
        // Interleaved calls: neither stream may disturb the other.
        model.reset(seed: 9)
        copy.reset(seed: 9)
        let first = try call(model, 0)
        let fromCopy = try call(copy, 0) + call(copy, 1)
        let second = try call(model, 1)
        #expect(first + second == expected)
        #expect(fromCopy == expected)
    }

    @Test func narrowModelsDoNotSplitTheirLayers() throws {
        let config = SmallNSFModel.config()
        #expect(!NSFModel.splitsLayers(config))
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "small.safetensors")
        #expect(try NSFModel(config: config, weights: file, maxFramesPerCall: 64, threadCount: 2).threadCount == 1)
        #expect(throws: NeuroError.self) { try NSFModel(config: config, weights: file, threadCount: 0) }
    }

    @Test func injectedDrawsMustCoverTheCall() throws {
        let model = try SmallNSFModel.model()
        let sines = model.config.sineCount
        let draws = try NSFRandomDraws(
            initialPhases: Array(repeating: 0.5, count: sines), sineNoise: Array(repeating: 0, count: 64 * sines),
            excitationNoise: Array(repeating: 0, count: 64))
        try model.reset(injecting: draws)
        var output = [Float](repeating: 0, count: 2 * model.samplesPerFrame)
        var span = output.mutableSpan
        #expect(throws: NeuroError.self) {
            try model.generate(frames: SmallNSFModel.impactFrames(2).span, advancing: 2, into: &span)
        }
    }

    @Test func genericFeedForwardPathMatchesTheKernelPath() throws {
        let config = SmallNSFModel.config()
        let kernelModel = try SmallNSFModel.model(config: config)
        let file = try SafeTensorsFile(data: SmallNSFModel.weights(for: config).encoded(), fileName: "small.safetensors")
        let genericModel = try NSFModel(config: config, weights: file, name: "generic", maxFramesPerCall: 64, usesDenseKernels: false)
        let frames = SmallNSFModel.impactFrames(12)
        let expected = try SmallNSFModel.whole(kernelModel, frames, seed: 2)
        let actual = try SmallNSFModel.whole(genericModel, frames, seed: 2)
        #expect(maxDifference(actual[...], expected[...]) <= 1e-5)
        let narrow = try SmallNSFModel.model(config: SmallNSFModel.config(bottleneck: 8))
        #expect(try SmallNSFModel.whole(narrow, frames, seed: 2).allSatisfy { $0.isFinite })
    }
}
