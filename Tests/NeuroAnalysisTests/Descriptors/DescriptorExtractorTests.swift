import Foundation
import Testing
import NeuroCore
@testable import NeuroAnalysis

@Suite struct DescriptorExtractorTests {
    static let sampleRate = 22_050

    static func sine(frequency: Double, amplitude: Float = 0.5, count: Int = 8192) -> [Float] {
        (0..<count).map { amplitude * Float(sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))) }
    }

    @Test func frameCountFollowsLibrosa() throws {
        let extractor = try DescriptorExtractor()
        for count in [1, 511, 512, 513, 8192] {
            let frames = try extractor.frames(of: [Float](repeating: 0.1, count: count))
            #expect(frames.count == 1 + count / 512)
        }
    }

    @Test func sineHasItsPitchLevelAndCrossings() throws {
        let frames = try DescriptorExtractor().frames(of: Self.sine(frequency: 441))
        let middle = frames[frames.count / 2]
        #expect(abs(middle.f0 - 441) < 441 * 0.01)
        #expect(abs(middle.rms - 0.5 / Float(2).squareRoot()) < 1e-3)
        #expect(abs(middle.zcr - 2 * 441 / Float(Self.sampleRate)) < 2 / 2048)
        #expect(abs(middle.centroid - 441) < 30)
        #expect(middle.rolloff < 500)
        #expect(middle.flatness < 1e-3)
    }

    @Test func silenceGivesLibrosasValues() throws {
        let frames = try DescriptorExtractor().frames(of: [Float](repeating: 0, count: 2048))
        for frame in frames {
            #expect(frame.rms == 0 && frame.zcr == 0 && frame.centroid == 0 && frame.bandwidth == 0 && frame.rolloff == 0)
            #expect(abs(frame.flatness - 1) < 1e-6)
            #expect(frame.f0 == Float(Self.sampleRate) / 4)
        }
    }

    @Test func noiseIsFlatterThanASine() throws {
        let noise = RealFFTTests.randomSignal(count: 8192, seed: 5).map { Float($0) * 0.3 }
        let extractor = try DescriptorExtractor()
        let noisy = try extractor.frames(of: noise)[8]
        let tonal = try extractor.frames(of: Self.sine(frequency: 300))[8]
        #expect(noisy.flatness > 0.3)
        #expect(noisy.flatness > 100 * tonal.flatness)
        #expect(noisy.zcr > 0.3)
    }

    @Test func rejectsEmptyAndNonFiniteSignals() throws {
        let extractor = try DescriptorExtractor()
        #expect(throws: NeuroError.self) { try extractor.frames(of: []) }
        #expect(throws: NeuroError.self) { try extractor.frames(of: [0, .nan, 0]) }
        #expect(throws: NeuroError.self) { try extractor.frames(of: [0, .infinity]) }
    }

    @Test func rejectsUnusableSettings() {
        #expect(throws: NeuroError.self) { try DescriptorExtractor(settings: DescriptorSettings(frameLength: 1000)) }
        #expect(throws: NeuroError.self) { try DescriptorExtractor(settings: DescriptorSettings(minimumFrequency: 5)) }
        #expect(throws: NeuroError.self) { try DescriptorExtractor(settings: DescriptorSettings(maximumFrequency: 20_000)) }
    }

    @Test func largeButFiniteInputStaysFinite() throws {
        let loud = Self.sine(frequency: 200, amplitude: 1e30, count: 4096)
        let frames = try DescriptorExtractor().frames(of: loud)
        #expect(frames.allSatisfy { $0.isFinite })
    }

    @Test func modelFeaturesDropTheLastFrameAndReplaceNaN() {
        let frames = [
            ControlFrame(values: [0.1, .nan, 1000, 0.2, 500, 600, 100]),
            ControlFrame(values: [0.2, 0.1, 900, 0.2, 500, 600, 100]),
        ]
        let features = ImpactProfile(name: "x", frames: frames).modelFeatures
        #expect(features.count == 1)
        #expect(features[0].zcr == 1)
        #expect(features[0].rms == 0.1)
    }
}
