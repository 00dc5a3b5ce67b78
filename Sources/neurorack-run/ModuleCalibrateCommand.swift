import ArgumentParser
import Foundation
import NeuroCore
import NeuroModule

/// `neurorack-run module calibrate`: measures the inputs and stores offsets or gains.
struct ModuleCalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Calibrate the gate and CV inputs: offsets with nothing patched, then gains with a known voltage.",
        discussion: """
            Step 1: unpatch every input, run `module calibrate --step zero`. Step 2: patch a known, \
            measured voltage (e.g. 5 V) into the inputs to calibrate and run `module calibrate \
            --step scale --volts 5 --inputs cv1,cv2,…`. Each step averages the readings for \
            --seconds and updates --calibration, which the firmware loads at start.
            """)

    /// The calibration steps.
    enum Step: String, ExpressibleByArgument, CaseIterable {
        /// Offsets, every input unpatched.
        case zero
        /// Gains, a known voltage patched.
        case scale
    }

    /// The device paths and the calibration file.
    @OptionGroup(title: "Devices") var devices: ModuleDeviceOptions

    @Option(help: "The step: zero (every input unpatched) or scale (--volts patched into --inputs).")
    var step: Step

    @Option(parsing: .unconditional, help: ArgumentHelp("With --step scale: the voltage patched.", valueName: "volts"))
    var volts: Double?

    @Option(help: ArgumentHelp("The inputs measured (comma-separated; default: all).", valueName: "gate1,cv1,…"))
    var inputs: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("How long to average readings.", valueName: "seconds"))
    var seconds = 1.0

    func validate() throws {
        guard seconds.isFinite, (0.05...60).contains(seconds) else { throw ValidationError("--seconds must be 0.05…60, got \(seconds)") }
        switch step {
        case .zero:
            guard volts == nil else { throw ValidationError("--volts belongs to --step scale") }
        case .scale:
            guard let volts, volts.isFinite, abs(volts) >= 1, abs(volts) <= 12 else {
                throw ValidationError("--step scale needs --volts, the patched voltage, 1…12 V in size")
            }
        }
        do {
            _ = try chosenInputs()
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() async throws {
        let measured = try chosenInputs()
        let previous = try devices.loadCalibration()
        let calibrator = Calibrator(step: step == .zero ? .zero : .scale(volts: volts ?? 0))
        var reader = ModuleInputReader(converters: devices.converters(on: try devices.openBus()), calibration: previous)
        reader.calibrator = calibrator
        let started = Date()
        var time = 0.0
        while Date().timeIntervalSince(started) < seconds {
            _ = reader.poll(at: time)
            time += 0.001
            usleep(1_000)
        }
        guard let collected = reader.calibrator else { return }
        if let failure = reader.failingDevices.first {
            throw NeuroError(.unavailable, "calibration: \(failure.key): \(failure.value)")
        }
        let calibration = try collected.calibration(updating: previous, inputs: measured)
        try calibration.write(to: devices.calibrationURL)
        for input in measured {
            let correction = calibration.inputs[input] ?? .init()
            print("\(input.rawValue): offset \(String(format: "%+.4f", correction.offset)) V, gain \(String(format: "%.4f", correction.gain))")
        }
        print("written: \(devices.calibration)")
    }

    private func chosenInputs() throws(NeuroError) -> [ModuleInput] {
        guard let inputs else { return ModuleInput.allCases }
        return try inputs.split(separator: ",").map { name throws(NeuroError) in
            guard let input = ModuleInput(rawValue: String(name)) else {
                throw NeuroError(.usage, "--inputs: unknown input \"\(name)\" (expected \(ModuleInput.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return input
        }
    }
}
