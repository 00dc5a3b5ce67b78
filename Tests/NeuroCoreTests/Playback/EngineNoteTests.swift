import Foundation
import Testing
@testable import NeuroCore

/// Notes: impacts regenerated with f0 transposed, played once their first chunk is ready.
@Suite struct EngineNoteTests {
    private let profile = ImpactProfile(name: "flat", frames: Array(repeating: .constant(0.5), count: 8))

    /// An engine whose current impact (at the profile's pitch) and the next one's first chunk are generated.
    private func engine(_ model: FakeImpactModel) throws -> Engine {
        let engine = try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, maxFramesPerImpact: 8))
        while engine.scheduler.step() == .worked {}
        return engine
    }

    private func ratio(_ semitones: Float) -> Float { Float(pow(2, Double(semitones) / 12)) }

    @Test func aNoteAtTheCurrentPitchPlaysAtOnceAtItsOffset() throws {
        let model = FakeImpactModel()
        let engine = try engine(model)
        let calls = model.callCount
        engine.handle(.gateNote(velocity: 1, offset: 3, semitones: 0))
        let audio = engine.renderPeriod(count: 8)
        #expect(audio[0..<3].allSatisfy { $0 == 0 })
        #expect(abs(audio[3] - FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: 0)) < 1e-6)
        #expect(engine.scheduler.step() == .idle)
        #expect(model.callCount == calls)
    }

    @Test func aNoteAtAnotherPitchRegeneratesWithF0TransposedAndStartsWhenReady() throws {
        let model = FakeImpactModel()
        let engine = try engine(model)
        engine.handle(.gateNote(velocity: 1, offset: 2, semitones: 7))
        #expect(engine.renderPeriod(count: 8).allSatisfy { $0 == 0 })
        while engine.scheduler.step() == .worked {}
        let f0 = try #require(model.receivedFrames.last?.first?.f0)
        #expect(abs(f0 - 0.5 * ratio(7)) < 1e-5)
        // The new impact sounds from the start of the first period in which it is ready, as generated.
        let audio = engine.renderPeriod(count: 4)
        #expect(zip(audio, (0..<4).map { FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: $0) }).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(engine.counters.missedGates == 0)
    }

    @Test func theOlderNotesOfAChordFollowTheNewestNotesImpactResampled() throws {
        let model = FakeImpactModel()
        let engine = try engine(model)
        engine.handle(.gateNote(velocity: 1, semitones: 12))
        engine.handle(.gateNote(velocity: 0, semitones: 24))
        _ = engine.renderPeriod(count: 4)
        while engine.scheduler.step() == .worked {}
        #expect(abs((model.receivedFrames.last?.first?.f0 ?? 0) - 0.5 * ratio(24)) < 1e-4)
        // The note an octave below the impact reads it at half speed: sample 0, then halfway to sample 1.
        let audio = engine.renderPeriod(count: 2)
        let first = FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: 0)
        let second = FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: 1)
        #expect(abs(audio[0] - first) < 1e-6)
        #expect(abs(audio[1] - (first + second) / 2) < 1e-6)
    }

    @Test func aNoteWaitingLongerThanTheTimeoutPlaysTheCurrentImpactResampled() throws {
        let engine = try engine(FakeImpactModel())
        engine.handle(.gateNote(velocity: 1, semitones: 12))
        let period = 441
        var heard: [Float] = []
        for _ in 0...(Int(Engine.noteTimeout * 22_050) / period) {
            heard = engine.renderPeriod(count: period)
        }
        // Never generated (the scheduler did not run): after the timeout it plays the old impact an octave up.
        #expect(abs(heard[0] - FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: 0)) < 1e-6)
        #expect(abs(heard[1] - FakeImpactModel.expected(rms: 0.5, streamFrame: 0, sample: 2)) < 1e-6)
        #expect(engine.counters.missedGates == 0)
    }

    @Test func anImpactKeepsItsTranspositionForAllItsChunks() throws {
        let model = FakeImpactModel(maxFramesPerCall: 2)
        let engine = try Engine(
            model: model, control: LatentControl(primary: profile),
            configuration: Engine.Configuration(volumeRampDuration: 0, plan: try ChunkPlan(framesPerChunk: 2, hop: 2), maxFramesPerImpact: 8))
        engine.handle(.gateNote(velocity: 1, semitones: 5))
        _ = engine.scheduler.step()  // starts the first impact at +5
        _ = engine.scheduler.step()  // its first chunk
        engine.handle(.gateNote(velocity: 1, semitones: -5))
        for _ in 0..<3 { _ = engine.scheduler.step() }
        let firstImpact = model.receivedFrames.prefix(4).map { $0[0].f0 }
        #expect(firstImpact.allSatisfy { abs($0 - 0.5 * ratio(5)) < 1e-5 })
    }

    @Test func transpositionScalesF0AndLeavesUnvoicedFramesAtZero() {
        var cv = CVState()
        cv.transposition = 12
        var unvoiced = ControlFrame.constant(0.5)
        unvoiced.f0 = 0
        let control = LatentControl(primary: ImpactProfile(name: "two", frames: [.constant(0.5), unvoiced]))
        #expect(abs(control.frame(at: 0, cv: cv).f0 - 1) < 1e-6)
        #expect(control.frame(at: 1, cv: cv).f0 == 0)
        cv.transposition = 100
        #expect(cv.transposition == 24)
        cv.transposition = .nan
        #expect(cv.transposition == 0)
    }
}
