import ArgumentParser
import Foundation
import NeuroAudio
import NeuroCore
import NeuroHardware
import NeuroModule
import NeuroProfiles
import Synchronization

/// `neurorack-run module [--simulate …]`: runs the firmware.
struct ModuleRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the firmware on the module, or with --simulate on simulated chips.",
        discussion: """
            On the module: the converters on --i2c-bus feed gates and CVs to the engine, the DAC \
            (--device) plays, Ctrl-C or SIGTERM stops. With --simulate the same firmware runs on \
            simulated chips in simulated time: --script FILE drives the jacks, encoder and button \
            (one `SECONDS INPUT VALUE` per line), the audio goes to --out at the DAC's rate and the \
            screen to PNG files in --screen-out whenever it changes.
            """)

    /// `--model` and `--config`.
    @OptionGroup var model: ModelOptions

    @OptionGroup var generation: GenerationOptions

    /// The device paths.
    @OptionGroup(title: "Devices") var devices: ModuleDeviceOptions

    @Option(help: ArgumentHelp("Profile F0 (name or CSV/JSON file; a TorchScript model: latent profile JSON, or a descriptor profile it encodes).", valueName: "name|file"))
    var profile: String?

    @Option(help: ArgumentHelp("Profile F1, which CV2 morphs towards.", valueName: "name|file"))
    var morph: String?

    /// `--latent-dims` and `--latent-depth` (TorchScript models).
    @OptionGroup(title: "TorchScript latents") var latents: TorchLatentOptions

    @Option(help: ArgumentHelp("The ALSA device of the DAC.", valueName: "name"))
    var device = "default"

    @Option(parsing: .unconditional, help: ArgumentHelp("Audio period in frames.", valueName: "frames"))
    var period = 256

    @Option(parsing: .unconditional, help: ArgumentHelp("Periods in the DAC's buffer.", valueName: "count"))
    var periods = 3

    @Option(parsing: .unconditional, help: "Voices that can sound at once.")
    var voices = 4

    @Option(parsing: .unconditional, help: "The random seed of the impacts.")
    var seed: UInt64 = 1

    @Flag(help: "Run on simulated chips in simulated time (no hardware needed).")
    var simulate = false

    @Option(help: ArgumentHelp("With --simulate: the performance script.", valueName: "file"))
    var script: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after SECONDS (with --simulate: default the script's length + 1 s).", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("With --simulate: the WAV file the DAC's audio goes to.", valueName: "file.wav"))
    var out: String?

    @Option(help: ArgumentHelp("With --simulate: a folder for the screen's PNG images.", valueName: "dir"))
    var screenOut: String?

    func validate() throws {
        guard (16...8_192).contains(period) else { throw ValidationError("--period must be 16…8192 frames, got \(period)") }
        guard (2...16).contains(periods) else { throw ValidationError("--periods must be 2…16, got \(periods)") }
        guard (1...32).contains(voices) else { throw ValidationError("--voices must be 1…32, got \(voices)") }
        if let duration, !(duration.isFinite && duration > 0 && duration <= SimulationScript.maxTime) {
            throw ValidationError("--duration must be 0…\(Int(SimulationScript.maxTime)) seconds, got \(duration)")
        }
        if simulate {
            guard out != nil else { throw ValidationError("--simulate needs --out FILE.wav for the DAC's audio") }
        } else {
            for (name, value) in [("--script", script), ("--out", out), ("--screen-out", screenOut)] where value != nil {
                throw ValidationError("\(name) only works with --simulate")
            }
        }
    }

    func run() async throws {
        if simulate { try runSimulation() } else { try runOnModule() }
    }

    private var wiring: ModuleWiring { .standard }

    private func makeEngine() throws(NeuroError) -> (Engine, EngineModels, (String, String?)) {
        let start = try EngineModels.start(model: model.nameOrPath, config: model.config, profile: profile, morph: morph, latents: latents)
        let engine = try start.engine(Engine.Configuration(
            voiceCount: voices, seed: seed, outputSampleRate: wiring.dacSampleRate, generationThreads: generation.threads,
            setAsideImpactsPerThread: generation.setAside))
        return (engine, start.models, (profile ?? ImpactProfile.defaultName, morph))
    }

    private func controller(engine: Engine, models: EngineModels, profiles: (String, String?), devices moduleDevices: ModuleDevices,
                            calibration: InputCalibration, power: any PowerControl, measuresMachine: Bool, time: Double,
                            report: @escaping (String) -> Void) -> ModuleController {
        // A TorchScript model's latents are set at start: the menu offers no descriptor profiles then.
        let choices = models.torch != nil ? [] : (try? ProfileLibrary.bundled().names) ?? BuiltinProfiles.names
        return ModuleController(
            engine: engine, devices: moduleDevices, calibration: calibration, catalog: RegistryCatalog(models: models),
            modelName: models.startName, profiles: choices, profileNames: profiles,
            power: power, options: ModuleController.Options(calibrationFile: devices.calibrationURL),
            measuresMachine: measuresMachine, time: time, report: report)
    }

    private func runSimulation() throws(NeuroError) {
        let script = try self.script.map { path throws(NeuroError) in try SimulationScript(contentsOf: URL(fileURLWithPath: path)) }
            ?? SimulationScript(events: [])
        let seconds = duration ?? script.duration + 1
        let (engine, models, profiles) = try makeEngine()
        let hardware = SimulatedModuleHardware(wiring: wiring)
        let screenDirectory = try screenOut.map { path throws(NeuroError) in try Self.directory(path) }
        let start = Date()
        let controller = controller(
            engine: engine, models: models, profiles: profiles,
            devices: hardware.devices, calibration: try devices.loadCalibration(), power: RecordingPowerControl(), measuresMachine: false, time: 0,
            report: { [hardware] line in StandardError.write(line: String(format: "%8.3f s  ", hardware.seconds) + line) })
        let sink = WAVFileSink(url: URL(fileURLWithPath: out ?? "module.wav"), sampleFormat: .int16)
        let simulator = try ModuleSimulator(hardware: hardware, controller: controller, sink: sink, periodFrames: period)
        let summary = try simulator.run(script, duration: seconds, screenDirectory: screenDirectory)
        let counters = engine.counters
        StandardError.write(line: 
            String(format: "simulated %.2f s in %.2f s: ", seconds, Date().timeIntervalSince(start))
                + "\(summary.events) script events, \(summary.steps) firmware steps, \(counters.impactsStarted) impacts generated, "
                + "\(summary.screens) screen images; audio in \(out ?? "")")
    }

    private func runOnModule() throws(NeuroError) {
        let bus = try devices.openBus()
        let (encoder, button, screen) = devices.panel(on: bus, warn: StandardError.write(line:))
        let calibration = try devices.loadCalibration()
        let sink = try ALSAPCMSink(device: device, rate: wiring.dacSampleRate, channels: 1, periodFrames: period, periods: periods)
        let (engine, models, profiles) = try makeEngine()
        engine.start()
        defer { engine.stop() }
        try engine.waitForCurrentImpact()
        let loop = try RenderLoop(engine: engine, sink: sink, periodFrames: sink.periodFrames)
        loop.start(realtimePriority: 70)
        let clock = MonotonicClock()
        let seconds = { Double(clock.nowNanoseconds()) / 1e9 }
        let controller = controller(
            engine: engine, models: models, profiles: profiles,
            devices: ModuleDevices(converters: devices.converters(on: bus), encoder: encoder, button: button, screen: screen),
            calibration: calibration,
            power: SystemctlPowerControl(), measuresMachine: true, time: seconds(), report: StandardError.write(line:))
        controller.audioXruns = { sink.xrunCount }
        StandardError.write(line: "module: \(models.startName), profile \(profiles.0)\(profiles.1.map { " → \($0)" } ?? ""); DAC \(sink.device) \(sink.sampleRate) Hz, period \(sink.periodFrames), buffer \(sink.bufferFrames)")
        let stop = Atomic<Bool>(false)
        let watch = SignalWatch([SIGINT, SIGTERM]) { _ in stop.store(true, ordering: .releasing) }
        defer { watch.stop() }
        let started = seconds()
        var nextStatus = started + 10
        while !stop.load(ordering: .acquiring) {
            let now = seconds()
            if let duration, now - started >= duration { break }
            controller.step(at: now, periodStart: Double(loop.lastPeriodStartNanoseconds) / 1e9)
            if now >= nextStatus {
                StandardError.write(line: Self.statusLine(controller.status, engine: engine, loop: loop))
                nextStatus += 10
            }
            usleep(1_000)
        }
        try loop.finish()
        StandardError.write(line: "stopped: " + Self.statusLine(controller.status, engine: engine, loop: loop))
    }

    private static func statusLine(_ status: ModuleStatus, engine: Engine, loop: RenderLoop) -> String {
        let counters = engine.counters
        var fields = [
            "periods \(loop.counters.periods)", "late periods \(loop.counters.deadlineMisses)", "xruns \(status.stats.xruns)",
            "impacts \(counters.impactsStarted)", "underruns \(counters.underruns)", "late starts \(counters.lateStarts)",
            "generation " + (counters.generationRealTimeFactor.map { String(format: "RTF %.3f", $0) } ?? "idle"),
        ]
        if !status.missingDevices.isEmpty { fields.append("missing: " + status.missingDevices.joined(separator: ", ")) }
        return fields.joined(separator: " · ")
    }

    /// Creates `path` as a folder if needed.
    static func directory(_ path: String) throws(NeuroError) -> URL {
        let url = URL(fileURLWithPath: path, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw NeuroError(.cannotWrite, "\(path): cannot create the folder (\(error.localizedDescription))")
        }
        return url
    }
}
