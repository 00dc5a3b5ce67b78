// Run the module's firmware on simulated chips: a gate, a CV move and a turn of the encoder,
// then print what the engine heard and what the screen's menu shows.
import Foundation
import NeuroAudio
import NeuroCore
import NeuroHardware
import NeuroModule
import NeuroProfiles

/// The menu's model list: one click model, whose every impact starts with a full-scale sample.
struct ClickModels: ModelCatalog {
    var names: [String] { ["click"] }
    func load(_ name: String) throws(NeuroError) -> any ImpactModel { ClickImpactModel() }
}

let hardware = SimulatedModuleHardware()
let controller = ModuleController(
    engine: try ClickImpactModel.engine(sampleRate: 22_050, outputRate: 22_050), devices: hardware.devices,
    calibration: .identity, catalog: ClickModels(), modelName: "click", profiles: BuiltinProfiles.names,
    profileNames: ("kick", nil), power: RecordingPowerControl(), measuresMachine: false, time: 0,
    report: { print("firmware:", $0) })
let sink = CaptureSink(capacityFrames: 23_040)
let simulator = try ModuleSimulator(hardware: hardware, controller: controller, sink: sink, periodFrames: 256)
let script = try SimulationScript(parsing: "0.25 gate1 10\n0.27 gate1 0\n0.4 cv3 2.5\n0.6 encoder -10\n", name: "example")
let summary = try simulator.run(script, duration: 1, screenDirectory: nil)

let samples = sink.audio.channel(0)
print("\(summary.periods) periods; the gate at 0.25 s sounded at sample", samples.firstIndex { $0 > 0.5 } ?? -1, "of", samples.count)
print("CV3 as the engine sees it:", controller.engine.cv[3] ?? .nan, "V; volume", controller.status.volume)
print("screen:", controller.menuScreen, "- the simulated ST7789 shows the same image:", hardware.screenImage == controller.screenImage)
