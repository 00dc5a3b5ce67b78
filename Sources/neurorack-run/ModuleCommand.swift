import ArgumentParser
import Foundation
import NeuroAudio
import NeuroCore
import NeuroHardware
import NeuroModule
import NeuroProfiles

/// `neurorack-run module`: the firmware of the Eurorack module, on the Jetson Nano or simulated.
struct ModuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module",
        abstract: "The Eurorack module's firmware: gates, CVs, encoder, button and screen (or a simulation of them).",
        discussion: "docs/MODULE.md has the wiring, the Jetson set-up and the service; `module --simulate` runs anywhere.",
        subcommands: [ModuleRunCommand.self, ModuleCalibrateCommand.self],
        defaultSubcommand: ModuleRunCommand.self)
}

/// The device paths of the module (shared by `module` and `module calibrate`).
struct ModuleDeviceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The I2C bus of the converters and the encoder.", valueName: "path"))
    var i2cBus = "/dev/i2c-1"

    @Option(help: ArgumentHelp("The calibration file (read when it exists; `module calibrate` writes it).", valueName: "file.json"))
    var calibration = "/var/lib/neurorack/calibration.json"

    /// The calibration file as a URL.
    var calibrationURL: URL { URL(fileURLWithPath: calibration) }

    /// The calibration in the file, identity when there is no file.
    ///
    /// - Throws: the file's errors when it exists but is not a valid calibration.
    func loadCalibration() throws(NeuroError) -> InputCalibration {
        FileManager.default.fileExists(atPath: calibration) ? try InputCalibration(contentsOf: calibrationURL) : .identity
    }

    /// The two converters on the real bus.
    ///
    /// - Throws: `.missingInput` naming the bus and what to enable when it cannot be opened.
    func converters() throws(NeuroError) -> [ADS1015] {
        let bus: LinuxI2CBus
        do {
            bus = try LinuxI2CBus(path: i2cBus)
        } catch {
            throw NeuroError(
                error.neuroError.kind,
                "\(error.neuroError.message) — the module needs its I2C bus (docs/MODULE.md: enable it with jetson-io); `module --simulate` runs without hardware")
        }
        let wiring = ModuleWiring.standard
        return [wiring.converterAddresses.0, wiring.converterAddresses.1].map { ADS1015(bus: bus, address: $0) }
    }
}

/// The model names the module's menu offers, loaded through the registry.
struct RegistryCatalog: ModelCatalog {
    /// The registry's models, plus the model the module started with when it is a file.
    let names: [String]

    init(current: String) {
        let registered = ModelRegistry.entries.map(\.name)
        names = registered.contains(current) ? registered : registered + [current]
    }

    func load(_ name: String) throws(NeuroError) -> any ImpactModel {
        try ModelRegistry.resolve(name, config: nil, threadCount: 1)
    }
}
