import Foundation
import Synchronization
import NeuroAudio
import NeuroCore
import NeuroHardware
import NeuroProfiles
import Testing
@testable import NeuroModule

/// A catalog of one click model, so that every impact's first sound is its first sample.
struct ClickCatalog: ModelCatalog {
    var names: [String] { ["click"] }
    func load(_ name: String) throws(NeuroError) -> any ImpactModel {
        guard name == "click" else { throw NeuroError(.usage, "unknown model \(name)") }
        return ClickImpactModel(sampleRate: 22_050)
    }
}

/// A simulated module around a click engine, ready to run a script.
struct SimulatedModuleFixture {
    let hardware = SimulatedModuleHardware()
    let power = RecordingPowerControl()
    let sink: CaptureSink
    let simulator: ModuleSimulator
    var log: [String] { logged.withLock { $0 } }
    private let logged = LogLines()

    init(seconds: Double) throws {
        let engine = try ClickImpactModel.engine(sampleRate: 22_050, outputRate: 22_050)
        let lines = logged
        let controller = ModuleController(
            engine: engine, devices: hardware.devices,
            calibration: .identity, catalog: ClickCatalog(), modelName: "click", profiles: BuiltinProfiles.names,
            profileNames: ("kick", nil), power: power, measuresMachine: false, time: 0, report: { line in lines.append(line) })
        sink = CaptureSink(capacityFrames: Int(seconds * 22_050) + 512)
        simulator = try ModuleSimulator(hardware: hardware, controller: controller, sink: sink, periodFrames: 256)
    }

    /// Runs `text`; `hook` sees every action first.
    func run(_ text: String, seconds: Double, hook: (SimulationScript.Action) -> Void = { _ in }) throws -> ModuleSimulator.Summary {
        try simulator.run(SimulationScript(parsing: text, name: "test"), duration: seconds, screenDirectory: nil, hook: hook)
    }

    /// The sample indices where a click sounds.
    var clicks: [Int] {
        let samples = sink.audio.channel(0)
        return samples.indices.filter { abs(samples[$0]) > 0.5 }
    }
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    func withLock<T>(_ body: ([String]) -> T) -> T { lines.withLock { body($0) } }
}

@Suite struct ModuleSimulatorTests {
    @Test func aGateStartsItsImpactWithinOnePeriodOfItsTime() throws {
        let fixture = try SimulatedModuleFixture(seconds: 1.2)
        let times = [0.1, 0.35, 0.6021, 0.9]
        let script = times.map { "\($0) gate1 10\n\($0 + 0.02) gate1 0" }.joined(separator: "\n")
        let summary = try fixture.run(script, seconds: 1.2)
        #expect(summary.events == 8)
        let clicks = fixture.clicks
        try #require(clicks.count == times.count, "clicks at \(clicks)")
        for (click, time) in zip(clicks, times) {
            let due = Int(time * 22_050)
            // Within one period as asked, and in fact within the 2 ms resolution of the polls.
            #expect(abs(click - due) < 256 && abs(click - due) <= 44, "gate at \(time) s (sample \(due)) sounded at sample \(click)")
        }
    }

    @Test func heldAndBouncingGatesFireOncePerRearm() throws {
        let fixture = try SimulatedModuleFixture(seconds: 0.6)
        _ = try fixture.run("0.1 gate1 10\n0.12 gate1 0\n0.13 gate1 10\n0.15 gate1 0\n0.4 gate1 5\n", seconds: 0.6)
        #expect(fixture.clicks.count == 2, "the bounce at 0.13 s is inside the 0.1 s re-arm time: \(fixture.clicks)")
    }

    @Test func cvsReachTheEngineAndGate2Regenerates() throws {
        let fixture = try SimulatedModuleFixture(seconds: 0.3)
        _ = try fixture.run("0.05 cv3 2\n0.05 cv2 4\n0.1 gate2 10\n", seconds: 0.3)
        let cv = fixture.simulator.controller.engine.cv
        #expect(abs((cv[3] ?? 0) - 2) < 0.05)
        #expect(abs((cv[2] ?? 0) - 4) < 0.05)
        #expect(cv[4] == nil, "an unpatched input stays neutral")
        #expect(fixture.clicks.isEmpty)
    }

    @Test func anI2CFailureMidRunIsReportedAndSurvived() throws {
        let fixture = try SimulatedModuleFixture(seconds: 1.0)
        fixture.hardware.chips.bus.remove(address: 0x49)
        var missingWhileRemoved: [String] = []
        let hardware = fixture.hardware
        let controller = fixture.simulator.controller
        _ = try fixture.run("0.2 gate1 10\n0.25 gate1 0\n0.5 cv1 0\n0.7 gate1 10\n", seconds: 1.0) { action in
            if action == .jack(.cv1, volts: 0) {
                missingWhileRemoved = controller.status.missingDevices
                hardware.chips.bus.reattach(address: 0x49)
            }
        }
        #expect(missingWhileRemoved == ["simulated-i2c-1 0x49"])
        #expect(fixture.clicks.count == 2, "gates on ADC0 keep working while ADC1 is gone")
        #expect(controller.status.missingDevices.isEmpty, "the device is found again")
        #expect(fixture.log.contains { $0.contains("simulated-i2c-1 0x49") })
    }
}

@Suite struct SimulatedPanelTests {
    @Test func theButtonOpensTheMenuAndTheEncoderSetsTheVolume() throws {
        let fixture = try SimulatedModuleFixture(seconds: 2)
        _ = try fixture.run("""
            0.10 button 1
            0.15 button 0
            0.50 encoder 1
            0.60 button 1
            0.65 button 0
            1.00 encoder -25
            1.20 button 1
            1.90 button 0
            """, seconds: 2)
        let controller = fixture.simulator.controller
        #expect(abs(controller.status.volume - 0.75) < 1e-9, "Model → Volume, then 25 detents down")
        #expect(abs(controller.engine.volume - 0.75) < 1e-6)
        #expect(controller.menuScreen == .list(path: [], cursor: 1), "the long press went back from Volume to the list")
        let image = try #require(fixture.hardware.screenImage)
        #expect(image == controller.screenImage, "the simulated ST7789 shows what the firmware drew")
    }
}

@Suite struct ScriptedPerformanceTests {
    /// Gates, a CV sweep, and a menu change of volume and profile, checked in the audio and on the screen.
    @Test func aScriptedPerformanceSoundsAndShowsWhatItAsks() throws {
        let fixture = try SimulatedModuleFixture(seconds: 4)
        var script = "0.20 gate1 10\n0.22 gate1 0\n"
        script += (0..<10).map { "\(0.3 + Double($0) * 0.05) cv3 \(Double($0) * 0.4)" }.joined(separator: "\n") + "\n"
        script += """
            1.00 button 1
            1.05 button 0
            1.40 encoder 1
            1.50 button 1
            1.55 button 0
            1.90 encoder -40
            2.00 button 1
            2.05 button 0
            2.40 encoder 1
            2.60 button 1
            2.65 button 0
            3.00 encoder 2
            3.20 button 1
            3.25 button 0
            3.50 gate1 10
            3.52 gate1 0
            """
        _ = try fixture.run(script, seconds: 4)
        let controller = fixture.simulator.controller
        let samples = fixture.sink.audio.channel(0)
        let clicks = fixture.clicks
        try #require(clicks.count == 2, "clicks at \(clicks)")
        #expect(abs(samples[clicks[0]] - 1) < 1e-6)
        #expect(abs(clicks[1] - Int(3.5 * 22_050)) <= 44)
        #expect(abs(samples[clicks[1]] - 0.6) < 1e-3, "the volume set in the menu: 100 % − 40 detents")
        #expect(abs((controller.engine.cv[3] ?? 0) - 3.6) < 0.05, "the CV sweep's last value")
        let profiles = controller.status.profiles
        #expect(controller.engine.latentControl.primary.name == profiles[2], "Profile F0: two rows down from the first")
        #expect(profiles.first == "kick" && profiles[2] != "kick")
        #expect(controller.status.profileF0 == profiles[2])
        #expect(fixture.hardware.screenImage == controller.screenImage)
        #expect(controller.menuScreen == .list(path: [], cursor: 2))
    }
}
