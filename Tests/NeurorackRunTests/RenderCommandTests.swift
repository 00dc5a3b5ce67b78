import ArgumentParser
import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import neurorack_run
import NeuroAudio

@Suite struct RenderCommandTests {
    @Test func rendersANonSilentWAV() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("impact.wav")
        #expect(await runCommandLine(["render", "--out", file.path, "--frames", "20"]) == nil)
        let contents = try WAVReader.read(from: file)
        #expect(contents.sampleFormat == .int16)
        #expect(contents.audio.format == AudioFormat(sampleRate: 22_050, channelCount: 1))
        #expect(contents.audio.frameCount == 20 * 512)
        let rms = (contents.audio.samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(contents.audio.samples.count)).squareRoot()
        #expect(rms > 0.01)
        #expect(try directory.entries() == ["impact.wav"])
    }

    @Test func resamplesAndWritesFloat() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("hat.wav")
        let arguments = ["render", "--out", file.path, "--profile", "hat", "--frames", "8", "--sample-rate", "44100", "--format", "f32", "--gain", "-6", "--cv3", "-1"]
        #expect(await runCommandLine(arguments) == nil)
        let contents = try WAVReader.read(from: file)
        #expect(contents.sampleFormat == .float32)
        #expect(contents.audio.format.sampleRate == 44_100)
        #expect(contents.audio.frameCount == 8 * 512 * 2)
    }

    @Test func seedMorphAndCVsDecideTheAudio() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func render(_ name: String, _ extra: [String]) async throws -> [Float] {
            let file = directory.file(name)
            #expect(await runCommandLine(["render", "--out", file.path, "--frames", "10", "--format", "f32"] + extra) == nil)
            return try WAVReader.read(from: file).audio.samples
        }
        let plain = try await render("a.wav", ["--seed", "3"])
        #expect(try await render("b.wav", ["--seed", "3"]) == plain)
        #expect(try await render("c.wav", ["--seed", "4"]) != plain)
        #expect(try await render("d.wav", ["--seed", "3", "--morph", "snare", "--alpha", "1"]) != plain)
        #expect(try await render("e.wav", ["--seed", "3", "--cv4", "4"]) != plain)
    }

    @Test func controlsFileDrivesTheModel() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let csv = directory.file("controls.csv")
        let row = "0.2,0.05,3000,0.001,1000,1200,220"
        try Data(("rms,zcr,rolloff,flatness,bandwidth,centroid,f0\n" + Array(repeating: row, count: 6).joined(separator: "\n") + "\n").utf8)
            .write(to: csv)
        let file = directory.file("out.wav")
        #expect(await runCommandLine(["render", "--controls", csv.path, "--out", file.path]) == nil)
        #expect(try WAVReader.read(from: file).audio.frameCount == 6 * 512)
    }

    @Test func usageErrorsExit64() async {
        let cases: [[String]] = [
            ["render", "--bogus"],
            ["render", "--frames", "many"],
            ["render", "--frames", "0"],
            ["render", "--format", "mp3"],
            ["render", "--alpha", "0.5"],
            ["render", "--morph", "snare", "--alpha", "2"],
            ["render", "--profile", "kick", "--controls", "x.csv"],
            ["render", "--cv3", "20"],
            ["render", "--gain", "nan"],
            ["render", "--profile", "tuba", "--out", "/tmp/never-written.wav"],
            ["render", "--model", "tuba", "--out", "/tmp/never-written.wav"],
            ["render", "--model", "modal", "--latent-dims", "1", "--out", "/tmp/never-written.wav"],
            ["render", "--latent-depth", "inf"],
        ]
        for arguments in cases {
            let failure = await runCommandLine(arguments)
            #expect(failure?.exitCode == 64, "\(arguments)")
            #expect(failure?.line?.hasPrefix("error: ") == true, "\(arguments)")
            #expect(failure?.line?.contains("\n") == false, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.wav"))
    }

    @Test func badControlsExit65AndMissingOnes66() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bad = directory.file("bad.csv")
        try Data("rms,zcr,rolloff,flatness,bandwidth,centroid,f0\n0.1,0.1,1000,0.1,500,600,100\n0.1,x,1000,0.1,500,600,100\n".utf8).write(to: bad)
        let out = directory.file("out.wav").path
        let failure = await runCommandLine(["render", "--controls", bad.path, "--out", out])
        #expect(failure?.exitCode == 65)
        #expect(failure?.line == "error: \(bad.path) line 3, column 'zcr': 'x' is not a number")

        let nan = directory.file("nan.csv")
        try Data("rms,zcr,rolloff,flatness,bandwidth,centroid,f0\n0.1,0.1,1000,nan,500,600,100\n".utf8).write(to: nan)
        let nanFailure = await runCommandLine(["render", "--controls", nan.path, "--out", out])
        #expect(nanFailure?.exitCode == 65)
        #expect(nanFailure?.line?.contains("line 2, column 'flatness': 'nan' is not a finite number") == true)

        let missing = await runCommandLine(["render", "--controls", directory.file("absent.csv").path, "--out", out])
        #expect(missing?.exitCode == 66)
        #expect(missing?.line?.contains("absent.csv: no such file") == true)
        #expect(try directory.entries() == ["bad.csv", "nan.csv"])
    }

    @Test func unwritableOutputExits73() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let failure = await runCommandLine(["render", "--frames", "2", "--out", directory.file("absent/out.wav").path])
        #expect(failure?.exitCode == 73)
    }

    @Test func helpDescribesEveryOption() {
        let help = NeurorackRun.helpMessage(for: RenderCommand.self)
        for option in ["--out", "--model", "--profile", "--controls", "--morph", "--alpha", "--cv3", "--cv4", "--cv5",
                       "--frames", "--seed", "--sample-rate", "--format", "--gain"] {
            #expect(help.contains(option), "help lacks \(option)")
        }
        #expect(help.contains("Exit codes"))
    }

    /// Regression (hostile test): `--model modal --frames 100000 --sample-rate 384000` grew past 2 GB.
    @Test func rendersTooLargeForMemoryAreRefusedBeforeAnyWork() async {
        let failure = await runCommandLine(["render", "--model", "modal", "--frames", "100000", "--sample-rate", "384000", "--out", "/tmp/never.wav"])
        #expect(failure?.exitCode == 64)
        #expect(failure?.line?.contains("more than the limit of 67108864") == true)
    }

    /// Regression (hostile test): `--frames -1` said "Missing value" instead of the range.
    @Test func negativeNumbersWithoutEqualsSignReachValidation() async {
        let failure = await runCommandLine(["render", "--frames", "-1", "--out", "/tmp/never.wav"])
        #expect(failure?.exitCode == 64 && failure?.line == "error: --frames must be 1…100000, got -1")
    }

    @Test func helpRequestIsNotAFailure() async {
        #expect(CommandFailure(CleanExit.helpRequest()) == nil)
    }
}
