import NeuroCore
import Testing

/// Latent profiles, their morph with α and CV offsets, and the carrier frames the engine passes.
@Suite struct LatentMorphTests {
    private func profile(_ values: [Float], dimension: Int = 2) throws -> LatentProfile {
        try LatentProfile(name: "p", dimension: dimension, frameRate: 10, values: values)
    }

    @Test func profilesCheckWholeFiniteFrames() throws {
        #expect(throws: NeuroError.self) { try profile([1, 2, 3]) }
        #expect(throws: NeuroError.self) { try profile([]) }
        #expect(throws: NeuroError.self) { try profile([1, .nan]) }
        #expect(throws: NeuroError.self) { try LatentProfile(name: "p", dimension: 0, frameRate: 10, values: [1]) }
        let stretched = try profile([0, 10, 2, 20]).resampled(toFrameCount: 3)
        #expect(stretched.values == [0, 10, 1, 15, 2, 20])
        #expect(stretched.value(frame: 9, component: 1) == 20)
    }

    @Test func morphInterpolatesAndOffsetsChosenDimensions() throws {
        let morph = try LatentMorph(
            primary: profile([0, 0, 0, 0]), secondary: profile([4, 8]), offsetDimensions: [1], offsetDepth: 0.5)
        #expect(morph.value(frame: 1, component: 0, alpha: 0.25, offsets: .zero) == 1)
        #expect(morph.value(frame: 1, component: 1, alpha: 0.25, offsets: SIMD4(2, 0, 0, 0)) == 2 + 1)
        #expect(morph.value(frame: 0, component: 0, alpha: 0, offsets: SIMD4(2, 0, 0, 0)) == 0)
    }

    @Test func morphRejectsMismatchedProfilesAndDimensions() throws {
        #expect(throws: NeuroError.self) { try LatentMorph(primary: profile([0, 0]), secondary: profile([0, 0, 0], dimension: 3)) }
        #expect(throws: NeuroError.self) { try LatentMorph(primary: profile([0, 0]), offsetDimensions: [2]) }
        #expect(throws: NeuroError.self) { try LatentMorph(primary: profile([0, 0]), offsetDimensions: [0, 1, 0, 1]) }
    }

    @Test func carrierFramesHoldAlphaAndTheCVOffsets() {
        let control = LatentCarrier.control(frameCount: 5)
        #expect(control.frameCount == 5)
        var cv = CVState()
        #expect(LatentCarrier.offsets(of: control.frame(at: 0, cv: cv)) == .zero)
        cv[2] = CVState.morphVoltage(alpha: 0.75)
        cv[3] = 3
        cv[5] = 0
        let frame = control.frame(at: 2, cv: cv)
        #expect(LatentCarrier.alpha(of: frame) == 0.75)
        #expect(LatentCarrier.offsets(of: frame) == SIMD4(2, 0, -1, 0))
    }
}
