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

    @Option(help: ArgumentHelp("The SPI device of the screen.", valueName: "path"))
    var spiDevice = JetsonNanoHeader.screenSPIPath

    @Option(help: ArgumentHelp("The GPIO chip of the button and the screen's D/C and reset lines.", valueName: "path"))
    var gpioChip = JetsonNanoHeader.chipPath

    @Option(parsing: .unconditional, help: ArgumentHelp("The header pin of the push button.", valueName: "pin"))
    var buttonPin = ModuleWiring.standard.buttonHeaderPin

    /// The real I2C bus.
    ///
    /// - Throws: `.missingInput` naming the bus and what to enable when it cannot be opened.
    func openBus() throws(NeuroError) -> LinuxI2CBus {
        do {
            return try LinuxI2CBus(path: i2cBus)
        } catch {
            throw NeuroError(
                error.neuroError.kind,
                "\(error.neuroError.message) — the module needs its I2C bus (docs/MODULE.md: enable it with jetson-io); `module --simulate` runs without hardware")
        }
    }

    /// The two converters on `bus`.
    func converters(on bus: any I2CBus) -> [ADS1015] {
        let wiring = ModuleWiring.standard
        return [wiring.converterAddresses.0, wiring.converterAddresses.1].map { ADS1015(bus: bus, address: $0) }
    }

    /// The encoder, the button and the screen (on its own thread); a part that cannot be opened
    /// is left out with a warning, so gates, CVs and audio work without it.
    func panel(on bus: any I2CBus, warn: (String) -> Void) -> (any ModuleEncoder, (any ModuleButton)?, (any ModuleScreen)?) {
        let wiring = ModuleWiring.standard
        let pins = wiring.encoderPins
        let leds = wiring.encoderLEDPins
        let encoder = EncoderPort(RGBEncoder(
            bus: bus, address: wiring.encoderAddress,
            pins: RGBEncoder.Pins(a: pins.a, b: pins.b, common: pins.common, red: leds.red, green: leds.green, blue: leds.blue)))
        var button: (any ModuleButton)?
        var screen: (any ModuleScreen)?
        do {
            let chip = try LinuxGPIOChip(path: gpioChip)
            button = ButtonPort(PushButton(line: try chip.inputLine(offset: try line(pin: buttonPin)), debounceNanoseconds: UInt64(wiring.buttonDebounceSeconds * 1e9)))
            let spi = try LinuxSPIDevice(path: spiDevice, speedHz: wiring.screenSPIHertz, mode: 0)
            let dataCommand = try chip.outputLine(offset: try line(pin: JetsonNanoHeader.screenDataCommandPin))
            let reset = try chip.outputLine(offset: try line(pin: JetsonNanoHeader.screenResetPin), initialLevel: true)
            screen = BackgroundScreen(ScreenPort(ST7789(spi: spi, dataCommand: dataCommand, reset: reset, rowOffset: wiring.screenRowOffset)))
        } catch {
            warn("warning: \(error.description); the module runs without \(button == nil ? "its button and screen" : "its screen")")
        }
        return (encoder, button, screen)
    }

    private func line(pin: Int) throws(HardwareError) -> Int {
        guard let offset = JetsonNanoHeader.lineOffset(pin: pin) else {
            throw HardwareError(.invalidRequest, device: gpioChip, operation: "header pin \(pin)", hint: "not a GPIO pin of the Jetson Nano's 40-pin header")
        }
        return offset
    }
}

/// The model names the module's menu offers, loaded through the registry with the rules of
/// ``EngineModels`` (a TorchScript model can only be reloaded).
struct RegistryCatalog: ModelCatalog {
    /// The registry's models, plus the model the module started with when it is a file; only
    /// that model when it is a TorchScript model.
    let names: [String]
    /// The model the engine started with and the models that may replace it.
    let models: EngineModels

    init(models: EngineModels) {
        self.models = models
        let registered = ModelRegistry.entries.map(\.name)
        if models.torch != nil {
            names = [models.startName]
        } else {
            names = registered.contains(models.startName) ? registered : registered + [models.startName]
        }
    }

    func load(_ name: String) throws(NeuroError) -> any ImpactModel {
        try models.load(name)
    }
}
