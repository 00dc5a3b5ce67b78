import Foundation
import NeuroAudio
import NeuroCore
import NeuroProfiles
import Synchronization

/// The control side of `play` while it runs: timed triggers, program changes, the status line,
/// and the end (duration, Ctrl-C, the backend stopping).
final class PlaySession: @unchecked Sendable {
    private let engine: Engine
    private let models: EngineModels
    private let backend: any PlayBackend
    private let programs: [String]
    private let keys: TerminalKeyReader?
    private let learning: MIDILearnSession?
    private let started = ContinuousClock.now
    private var profileIndex = 0
    private var modelIndex = 0
    private var alpha: Float = 0.5
    private var volume: Float = 1

    /// A session of `engine` on `backend`; program `n` chooses `programs[n % count]`; `keys`
    /// (a terminal) plays, morphs and switches profiles and models (those `models` allows), and
    /// choose targets for `learning`.
    init(
        engine: Engine, models: EngineModels, backend: any PlayBackend, programs: [String], keys: TerminalKeyReader?,
        learning: MIDILearnSession? = nil
    ) {
        self.engine = engine
        self.models = models
        self.backend = backend
        self.programs = programs
        self.keys = keys
        self.learning = learning
        modelIndex = ModelRegistry.entries.firstIndex { $0.name == ModelRegistry.defaultName } ?? 0
    }

    /// Runs until `duration` seconds passed, SIGINT/SIGTERM arrived or the backend must stop;
    /// returns why it ended. With `sweepsControls`, every timed trigger also moves CV2–CV5 and
    /// regenerates every fourth time (the soak test's load on the generation side).
    func run(
        triggerEvery: Double?, duration: Double?, sweepsControls: Bool = false, report: (String) -> Void,
        status: (String) -> Void
    ) -> String {
        let interrupted = InterruptFlag()
        // The default actions are replaced so that `play` can close its devices; restored on return.
        let watch = SignalWatch([SIGINT, SIGTERM]) { _ in interrupted.raised.store(true, ordering: .releasing) }
        defer { watch.stop() }
        var nextTrigger = triggerEvery.map { _ in 0.0 }
        var nextStatus = 1.0
        while true {
            let elapsed = (ContinuousClock.now - started).seconds
            if interrupted.raised.load(ordering: .acquiring) { return "interrupted" }
            if let reason = backend.stopReason { return reason }
            if let duration, elapsed >= duration { return "\(duration) s played" }
            if let interval = triggerEvery, let due = nextTrigger, elapsed >= due {
                engine.handle(.gatePlay(velocity: 1))
                if sweepsControls { sweepControls(step: Int(due / interval)) }
                nextTrigger = due + interval
            }
            while let program = backend.nextProgramChange() {
                applyProgram(program, report: report)
            }
            if let prompt = learning?.poll() { report(prompt) }
            for key in keys?.takeKeys() ?? [] {
                if let learned = learning?.choose(key: key) {
                    report(learned)
                    continue
                }
                guard let action = TerminalAction.of(key) else { continue }
                if action == .quit { return "quit" }
                apply(action, report: report)
            }
            if elapsed >= nextStatus {
                status(statusLine())
                nextStatus += 1
            }
            usleep(5_000)
        }
    }

    /// One status line: time, periods, render load, impacts, underruns, gates, backend fields, failures.
    func statusLine() -> String {
        let counters = engine.counters
        let loop = backend.loopCounters
        let periodNanoseconds = Double(backend.periodFrames) * 1e9 / Double(engine.sampleRate)
        let load = periodNanoseconds > 0 ? 100 * Double(loop.longestRenderNanoseconds) / periodNanoseconds : 0
        var fields = [
            String(format: "%.0f s", (ContinuousClock.now - started).seconds), "periods \(loop.periods)",
            String(format: "longest render %.2f ms (%.1f%% of the period)", Double(loop.longestRenderNanoseconds) / 1e6, load),
            "late periods \(loop.deadlineMisses)", "impacts \(counters.impactsStarted)", "underruns \(counters.underruns)",
            "late starts \(counters.lateStarts)",
            "missed gates \(counters.missedGates)",
            "generation " + (counters.generationRealTimeFactor.map { String(format: "RTF %.3f", $0) } ?? "idle"),
        ] + backend.statusFields + (AudioThreadAllocations.count.map { ["audio-thread allocations \($0)"] } ?? [])
        if counters.modelFailures > 0 {
            fields.append("model failures \(counters.modelFailures) (last: \(counters.lastError?.message ?? "?"))")
        }
        return fields.joined(separator: " · ")
    }

    /// Moves CV2–CV5 to new values for trigger `step`, and regenerates every fourth step.
    private func sweepControls(step: Int) {
        engine.handle(.morph(alpha: Float(step % 11) / 10))
        for input in 3...5 {
            engine.handle(.cv(index: input, volts: 0.5 + Float((step + input) % 7) / 4))
        }
        if step % 4 == 3 { engine.handle(.gateRegenerate) }
    }

    /// Applies a key's action on this (control) thread.
    private func apply(_ action: TerminalAction, report: (String) -> Void) {
        switch action {
        case .event(let event):
            engine.handle(event)
        case .morph(let step):
            alpha = min(max(alpha + step, 0), 1)
            engine.handle(.morph(alpha: alpha))
        case .volume(let step):
            volume = min(max(volume + step, 0), 1)
            engine.handle(.volume(volume))
        case .profile(let step):
            guard !programs.isEmpty else { return }
            profileIndex = (profileIndex + step + programs.count) % programs.count
            applyProgram(profileIndex, report: report)
        case .nextModel:
            modelIndex = (modelIndex + 1) % ModelRegistry.entries.count
            Self.swapModel(ModelRegistry.entries[modelIndex].name, on: engine, models: models, report: report)
        case .quit:
            return
        }
    }

    private func applyProgram(_ program: Int, report: (String) -> Void) {
        guard !programs.isEmpty else { return }
        let entry = programs[program % programs.count]
        if entry.hasPrefix(Self.modelProgramPrefix) {
            Self.swapModel(String(entry.dropFirst(Self.modelProgramPrefix.count)), on: engine, models: models, report: report)
        } else {
            Self.chooseProfile(entry, on: engine, models: models, report: report)
        }
    }

    /// A program entry starting with this loads a model (`model:modal`, `model:FILE.safetensors`).
    static let modelProgramPrefix = "model:"

    /// Plays the profile `nameOrFile` from now on (and regenerates) when `models` allows it; a
    /// failure is reported, not fatal. For keys, program changes and OSC: off the audio thread.
    static func chooseProfile(_ nameOrFile: String, on engine: Engine, models: EngineModels, report: (String) -> Void) {
        do {
            try models.checkProfileChange()
            try engine.setProfiles(primary: try ProfileFile.profile(nameOrFile: nameOrFile))
            engine.handle(.gateRegenerate)
            report("profile \(nameOrFile)")
        } catch {
            report("profile \(nameOrFile): \(error.message)")
        }
    }

    /// Loads the model `nameOrPath` through `models` and swaps it in; a failure is reported, not
    /// fatal. Off the audio thread.
    static func swapModel(_ nameOrPath: String, on engine: Engine, models: EngineModels, report: (String) -> Void) {
        do {
            try engine.swapModel(try models.load(nameOrPath))
            report("model \(nameOrPath): the next impact is its; impacts already sounding finish on the old one")
        } catch {
            report("model \(nameOrPath): \(error.message)")
        }
    }
}

/// Set once by a signal handler, read by the session loop.
private final class InterruptFlag: Sendable {
    /// Whether SIGINT or SIGTERM arrived.
    let raised = Atomic<Bool>(false)
}
