import Foundation
import NeuroAudio
import NeuroTestSupport
import Testing
@testable import neurorack_run

@Suite struct ModuleCommandTests {
    @Test func simulationWritesTheDACAudioAndTheScreens() async throws {
        let directory = try TemporaryDirectory()
        let script = directory.url.appendingPathComponent("performance.txt")
        try Data("0.1 gate1 10\n0.12 gate1 0\n0.3 button 1\n0.35 button 0\n".utf8).write(to: script)
        let wav = directory.url.appendingPathComponent("module.wav")
        let screens = directory.url.appendingPathComponent("screens")
        let failure = await runCommandLine([
            "module", "--simulate", "--model", "modal", "--script", script.path, "--duration", "0.8", "--out", wav.path,
            "--screen-out", screens.path, "--calibration", directory.url.appendingPathComponent("none.json").path,
        ])
        #expect(failure == nil)
        let audio = try WAVReader.read(from: wav).audio
        #expect(audio.format.sampleRate == 22_050 && audio.format.channelCount == 1)
        let samples = audio.channel(0)
        let onset = try #require(samples.firstIndex { abs($0) > 1e-3 })
        #expect(abs(onset - 2_205) <= 44, "the gate at 0.1 s sounds at sample \(onset)")
        let images = try FileManager.default.contentsOfDirectory(atPath: screens.path).filter { $0.hasSuffix(".png") }
        #expect(images.count >= 2, "the home page, then the menu the button opened: \(images)")
    }

    @Test func withoutTheModuleTheErrorSaysWhatToEnableOrToSimulate() async {
        let failure = await runCommandLine(["module", "--i2c-bus", "/dev/i2c-99", "--model", "modal"])
        #expect(failure?.exitCode == 66)
        #expect(failure?.line?.contains("/dev/i2c-99") == true)
        #expect(failure?.line?.contains("--simulate") == true)
        let calibrate = await runCommandLine(["module", "calibrate", "--step", "zero", "--i2c-bus", "/dev/i2c-99"])
        #expect(calibrate?.exitCode == 66)
    }

    @Test func badOptionsAndScriptsAreClearErrors() async throws {
        let directory = try TemporaryDirectory()
        let script = directory.url.appendingPathComponent("bad.txt")
        try Data("0.1 gate1 10\n0.2 knob 3\n".utf8).write(to: script)
        let wav = directory.url.appendingPathComponent("out.wav").path
        let bad = await runCommandLine(["module", "--simulate", "--model", "modal", "--script", script.path, "--out", wav])
        #expect(bad?.exitCode == 65)
        #expect(bad?.line?.contains("\(script.path):2: unknown input \"knob\"") == true, "\(bad?.line ?? "")")
        #expect(!FileManager.default.fileExists(atPath: wav), "no output file after a failure")
        for arguments in [
            ["module", "--script", script.path], ["module", "--simulate"], ["module", "--simulate", "--out", wav, "--duration", "-1"],
            ["module", "calibrate", "--step", "scale"], ["module", "calibrate", "--step", "zero", "--inputs", "cv9"],
        ] {
            #expect(await runCommandLine(arguments)?.exitCode == 64, "\(arguments)")
        }
    }
}
