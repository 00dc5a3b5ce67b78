import Foundation
import NeuroAudio
import NeuroCore
import NeuroProfiles
import Testing
@testable import neurorack_run

/// MIDI program changes in `play`: profiles, and `model:` entries that swap the model live.
@Suite struct PlaySessionProgramTests {
    /// A backend that only delivers program changes.
    private final class ProgramBackend: PlayBackend {
        var pending: [Int]
        init(programs: [Int]) { pending = programs }
        let description = "programs"
        let statusFields: [String] = []
        let stopReason: String? = nil
        var loopCounters: RenderLoopCounters { RenderLoopCounters() }
        let periodFrames = 256
        func nextProgramChange() -> Int? { pending.isEmpty ? nil : pending.removeFirst() }
        func stop() throws(NeuroError) {}
    }

    @Test func aModelEntrySwapsTheModelAndAProfileEntryChangesTheProfile() throws {
        let engine = try Engine(model: try ModelRegistry.resolve("modal"), control: LatentControl(primary: try ImpactProfile.named("kick")))
        let backend = ProgramBackend(programs: [1, 2])
        var lines: [String] = []
        let session = PlaySession(
            engine: engine, models: EngineModels(startName: "modal", torch: nil), backend: backend,
            programs: ["kick", "snare", "model:neural"], keys: nil)
        _ = session.run(triggerEvery: nil, duration: 0.2, report: { lines.append($0) }, status: { _ in })
        #expect(lines.contains("profile snare"))
        #expect(engine.latentControl.primary.name == "snare")
        #expect(engine.currentModelName == (try ModelRegistry.resolve("neural")).name)
        #expect(lines.contains { $0.hasPrefix("model neural:") })
    }
}
