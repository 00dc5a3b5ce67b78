import Foundation
import NeuroCore
import NeuroProfiles

/// The module's firmware logic: inputs in, engine events, menu and screen out.
///
/// The same controller runs on the module (a control thread calls ``step(at:periodStart:)``
/// about every millisecond) and in simulation (the simulator calls it at simulated times before
/// rendering each period). It never runs on the audio thread: it reads the converters, the
/// encoder and the button, sends gates and CVs to the ``Engine`` (gates carry their offset
/// inside the audio period), carries out menu actions (model swap, volume, profiles, CV
/// assignment, calibration, power) and redraws the screen when what it shows changed.
/// A device that fails is reported in the status and retried; the audio never waits for it.
public final class ModuleController {
    /// Timings and files of the controller.
    public struct Options: Sendable {
        /// Seconds between two redraws of a live page (home curves, stats).
        public var redrawInterval: Double
        /// A button press at least this long is "back" instead of "press".
        public var longPressSeconds: Double
        /// How long the calibration's zero step collects readings.
        public var calibrationSeconds: Double
        /// Where the calibration is written after the menu's Calibrate; `nil` keeps it in memory.
        public var calibrationFile: URL?

        /// Creates options; the defaults redraw live pages every 0.5 s, take 0.6 s as a long
        /// press and calibrate for 0.5 s.
        public init(redrawInterval: Double = 0.5, longPressSeconds: Double = 0.6, calibrationSeconds: Double = 0.5, calibrationFile: URL? = nil) {
            self.redrawInterval = redrawInterval
            self.longPressSeconds = longPressSeconds
            self.calibrationSeconds = calibrationSeconds
            self.calibrationFile = calibrationFile
        }
    }

    /// The engine the controller plays.
    public let engine: Engine
    private let devices: ModuleDevices
    private let catalog: any ModelCatalog
    private let power: any PowerControl
    private let options: Options
    private let report: (String) -> Void
    private var reader: ModuleInputReader
    private var menu = ModuleMenu()
    private let renderer = ScreenRenderer()
    private var shown = Framebuffer()
    private var needsRedraw = true
    private var lastRedraw = -Double.infinity
    private var buttonPressedAt: Double?
    private var calibrationEnds: Double?
    private var volume = 1.0
    private var volumeCV = 1.0
    private var assignments = CVAssignment.standard
    private var profileNames: (String, String?)
    private var currentModel: String
    private var deviceErrors: [String: String] = [:]
    private var lastError: String?
    private var stats = ModuleStats()
    private var probe: ModuleStatsProbe?
    private let started: Double
    private let profiles: [String]
    /// Extra counters of the audio side (device xruns) for the Stats page.
    public var audioXruns: () -> Int = { 0 }

    /// A controller of `engine` reading `devices`.
    ///
    /// - Parameters:
    ///   - modelName: the name of the model `engine` plays now (one of `catalog.names` or a path).
    ///   - profiles: the profile names the menu offers; `profileNames` the current F0 and F1.
    ///   - measuresMachine: read CPU use and temperature for the Stats page (off in simulation,
    ///     so that simulated screens are reproducible).
    ///   - time: the monotonic time of the start, in seconds.
    public init(
        engine: Engine, devices: ModuleDevices, calibration: InputCalibration, catalog: any ModelCatalog, modelName: String,
        profiles: [String], profileNames: (String, String?), power: any PowerControl, options: Options = Options(),
        measuresMachine: Bool, time: Double, report: @escaping (String) -> Void
    ) {
        self.engine = engine
        self.devices = devices
        self.catalog = catalog
        self.power = power
        self.options = options
        self.report = report
        self.profiles = profiles
        self.profileNames = profileNames
        currentModel = modelName
        reader = ModuleInputReader(converters: devices.converters, calibration: calibration)
        probe = measuresMachine ? ModuleStatsProbe() : nil
        started = time
        engine.setCVModulation((try? Self.modulation(for: assignments)) ?? .standard)
    }

    /// The status the menu and the screen show now.
    public var status: ModuleStatus {
        let frames = engine.latentControl.frames(cv: engine.cv)
        let curves = Descriptor.allCases.map { descriptor in frames.map { $0[descriptor] } }
        return ModuleStatus(
            models: catalog.names, currentModel: currentModel, profiles: profiles, profileF0: profileNames.0,
            profileF1: profileNames.1, volume: volume, cvAssignments: assignments, stats: stats,
            missingDevices: (Array(reader.failingDevices.keys) + Array(deviceErrors.keys)).sorted(), lastError: lastError,
            descriptorCurves: curves)
    }

    /// The screen the menu shows now (for tests and logs).
    public var menuScreen: MenuScreen { menu.screen }

    /// The image last sent to the screen.
    public var screenImage: Framebuffer { shown }

    /// One control step at monotonic `time` (seconds): poll the inputs, apply them, run the
    /// menu, and redraw when needed.
    ///
    /// - Parameter periodStart: the monotonic time at which the audio period that the engine
    ///   renders next is taken to start; gates are placed at their offset from it.
    public func step(at time: Double, periodStart: Double) {
        let failingBefore = reader.failingDevices
        for reading in reader.poll(at: time) {
            apply(reading, periodStart: periodStart)
        }
        reportConverterChanges(from: failingBefore)
        finishCalibrationIfDue(at: time)
        readPanel(at: time)
        redrawIfNeeded(at: time)
    }

    // MARK: Inputs

    private func apply(_ reading: ModuleInputReader.Reading, periodStart: Double) {
        switch reading {
        case .gate(.gate1, let time):
            let offset = max(0, Int(((time - periodStart) * Double(engine.sampleRate)).rounded()))
            engine.handle(.gatePlay(velocity: 1, offset: offset))
        case .gate:
            engine.handle(.gateRegenerate)
        case .cv(let input, let volts):
            guard let number = input.cvNumber else { return }
            engine.handle(.cv(index: number, volts: Float(volts)))
            if assignments[number - 1].target == .volume {
                let range = assignments[number - 1].limitedRange
                let position = min(max(volts / Double(CVModulation.scaleSpan.upperBound), 0), 1)
                volumeCV = Double(range.lowerBound) + Double(range.upperBound - range.lowerBound) * position
                applyVolume()
            }
        }
    }

    private func reportConverterChanges(from before: [String: String]) {
        let now = reader.failingDevices
        for (device, message) in now where before[device] == nil {
            report("\(device): \(message) (retrying; the other inputs and the audio go on)")
            needsRedraw = true
        }
        for device in before.keys where now[device] == nil {
            report("\(device): answering again")
            needsRedraw = true
        }
    }

    private func readPanel(at time: Double) {
        var inputs: [MenuInput] = []
        if let encoder = devices.encoder {
            attempt(encoder.deviceName) { () throws(NeuroError) in
                let detents = try encoder.takeDetents()
                if detents != 0 { inputs.append(.turn(detents: detents)) }
            }
        }
        if let button = devices.button {
            attempt(button.deviceName) { () throws(NeuroError) in
                for change in try button.takeChanges(now: time) {
                    if change.pressed {
                        buttonPressedAt = change.time
                    } else if let pressed = buttonPressedAt {
                        inputs.append(change.time - pressed >= options.longPressSeconds ? .back : .press)
                        buttonPressedAt = nil
                    }
                }
            }
        }
        for input in inputs {
            let action = menu.handle(input, status: status)
            needsRedraw = true
            if let action { perform(action, at: time) }
        }
    }

    /// Runs `body` against device `name`, recording a failure for the status and clearing it on success.
    private func attempt(_ name: String, _ body: () throws(NeuroError) -> Void) {
        do {
            try body()
            if deviceErrors.removeValue(forKey: name) != nil { needsRedraw = true }
        } catch {
            if deviceErrors[name] == nil { report("\(name): \(error.message) (retrying)") }
            deviceErrors[name] = error.message
            needsRedraw = true
        }
    }

    // MARK: Menu actions

    /// Carries out a menu action (public so that hosts and tests can drive the firmware directly).
    public func perform(_ action: MenuAction, at time: Double) {
        needsRedraw = true
        do {
            switch action {
            case .selectModel(let name):
                try engine.swapModel(try catalog.load(name))
                currentModel = name
                report("model \(name)")
            case .reloadModel:
                try engine.swapModel(try catalog.load(currentModel))
                report("model \(currentModel) reloaded")
            case .setVolume(let value):
                volume = min(max(value, 0), 1)
                applyVolume()
            case .setProfile(let slot, let name):
                var names = profileNames
                if slot == 0 { names.0 = name } else { names.1 = name }
                try engine.setProfiles(
                    primary: try ProfileFile.profile(nameOrFile: names.0), secondary: try names.1.map { name throws(NeuroError) in try ProfileFile.profile(nameOrFile: name) })
                profileNames = names
                engine.handle(.gateRegenerate)
                report("profile F\(slot) \(name)")
            case .assignCV(let input, let target, let range):
                guard (1...CVState.inputCount).contains(input) else { return }
                var changed = assignments
                changed[input - 1] = CVAssignment(target: target, range: range)
                engine.setCVModulation(try Self.modulation(for: changed))
                assignments = changed
                if target != .volume, !assignments.contains(where: { $0.target == .volume }) {
                    volumeCV = 1
                    applyVolume()
                }
            case .calibrate:
                reader.calibrator = Calibrator(step: .zero)
                calibrationEnds = time + options.calibrationSeconds
                report("calibrating: every input must be unpatched")
            case .shutdown:
                try power.perform(.shutdown)
            case .reboot:
                try power.perform(.reboot)
            }
            lastError = nil
        } catch {
            lastError = error.message
            report(error.message)
        }
    }

    private func applyVolume() {
        engine.handle(.volume(Float(volume * volumeCV)))
    }

    private func finishCalibrationIfDue(at time: Double) {
        guard let ends = calibrationEnds, time >= ends, let calibrator = reader.calibrator else { return }
        calibrationEnds = nil
        reader.calibrator = nil
        needsRedraw = true
        do {
            let calibration = try calibrator.calibration(updating: reader.calibration)
            reader.calibration = calibration
            if let file = options.calibrationFile { try calibration.write(to: file) }
            report("calibrated: offsets of \(ModuleInput.allCases.filter { calibrator.readingCount(for: $0) > 0 }.count) inputs stored"
                + (options.calibrationFile.map { " in \($0.path)" } ?? ""))
            lastError = nil
        } catch {
            lastError = error.message
            report(error.message)
        }
    }

    /// The engine's CV modulation for the menu's assignments (volume and none drive nothing there).
    private static func modulation(for assignments: [CVAssignment]) throws(NeuroError) -> CVModulation {
        try CVModulation(assignments.map { assignment in
            switch assignment.target {
            case .none, .volume: CVModulation.Assignment(target: .none, range: 0...1)
            case .morph: CVModulation.Assignment(target: .morph, range: assignment.limitedRange)
            case .descriptor(let descriptor): CVModulation.Assignment(target: .scale(descriptor), range: assignment.limitedRange)
            }
        })
    }

    // MARK: Screen

    private func redrawIfNeeded(at time: Double) {
        let live: Bool
        switch menu.screen {
        case .home, .page: live = true
        default: live = false
        }
        guard needsRedraw || (live && time - lastRedraw >= options.redrawInterval) else { return }
        refreshStats(at: time)
        needsRedraw = false
        lastRedraw = time
        shown.present(renderer.render(menu, status: status))
        guard let screen = devices.screen else { return }
        attempt(screen.deviceName) { () throws(NeuroError) in try screen.show(&shown) }
    }

    private func refreshStats(at time: Double) {
        let counters = engine.counters
        stats = ModuleStats(
            cpuPercent: probe?.cpuPercent(wallSeconds: time), temperatureCelsius: probe?.temperatureCelsius(),
            realTimeFactor: counters.generationRealTimeFactor.map { 1 / $0 }, xruns: audioXruns(),
            lateChunks: counters.underruns, uptimeSeconds: time - started)
    }
}
