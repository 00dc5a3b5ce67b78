import Foundation
import NeuroCore
import Testing

@testable import neurorack_run
import NeuroAudio
import NeuroProfiles

/// `describe`, `profiles` and `eval` end to end on small inputs.
@Suite struct DescriptorCommandsTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("descriptors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func describeWritesJSONOfAStereo44kFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wav = folder.appendingPathComponent("tone.wav")
        let tone = (0..<8820).map { 0.4 * Float(sin(2 * Double.pi * 220 * Double($0) / 44_100)) }
        _ = try WAVWriter(sampleFormat: .float32).write(AudioBuffer(channels: [tone, tone], sampleRate: 44_100), to: wav)
        let out = folder.appendingPathComponent("curves.json")
        try DescribeCommand.parse([wav.path, "--format", "json", "--out", out.path]).run()

        let profile = try JSONDecoder().decode(ImpactProfile.self, from: Data(contentsOf: out))
        #expect(profile.sampleRate == 22_050 && profile.frames.count == 1 + 4410 / 512)
        let middle = profile.frames[profile.frames.count / 2]
        #expect(abs(middle.f0 - 220) < 2.2)
        #expect(abs(middle.rms - 0.4 / Float(2).squareRoot()) < 0.01)
    }

    @Test func describeHoldsThePitchOfNoiseUnlessVoicingIsOff() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wav = folder.appendingPathComponent("tone-then-noise.wav")
        var generator = SplitMix64(seed: 7)
        let tone = (0..<8192).map { 0.5 * Float(sin(2 * Double.pi * 220 * Double($0) / 22_050)) }
        let noise = (0..<8192).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53) - 0.5) * 0.8 }
        _ = try WAVWriter(sampleFormat: .float32).write(AudioBuffer(channels: [tone + noise], sampleRate: 22_050), to: wav)
        func f0(_ options: [String]) throws -> [Float] {
            let out = folder.appendingPathComponent("curves.json")
            try DescribeCommand.parse([wav.path, "--out", out.path] + options).run()
            return try JSONDecoder().decode(ImpactProfile.self, from: Data(contentsOf: out)).frames.map(\.f0)
        }
        let held = try f0([]), raw = try f0(["--voicing", "off"])
        #expect(held == (try f0(["--voicing", "hold"])))
        // The noise holds the last voiced frame's pitch, which already hears some of the noise.
        #expect(Set(held[20...]).count == 1 && abs(held[20] - 220) < 4.4, "\(held)")
        #expect(Set(raw[20...]).count > 3, "YIN wanders on the noise: \(raw)")
        #expect(throws: (any Error).self) { try DescribeCommand.parse([wav.path, "--voicing", "maybe"]) }
    }

    @Test func describeRejectsAMissingFile() {
        #expect(throws: NeuroError.self) { try DescribeCommand.parse(["/no/such/file.wav"]).run() }
        #expect(throws: (any Error).self) { try DescribeCommand.parse(["x.wav", "--format", "png"]) }
    }

    @Test func profilesTableListsEveryProfileWithItsSource() throws {
        let library = try ProfileLibrary.bundled()
        let lines = ProfilesCommandTable(entries: library.entries).text.split(separator: "\n")
        #expect(lines.count == library.entries.count + 1)
        #expect(lines[0].hasPrefix("NAME") && lines[0].contains("MEDIAN F0"))
        #expect(lines.contains { $0.hasPrefix("kick-acoustic-1 ") && $0.contains("PearlKick-Med.wav") })
        #expect(ProfilesCommandTable.median([3, 1, 2]) == 2 && ProfilesCommandTable.median([4, 1, 2, 3]) == 2.5)
        #expect(ProfilesCommandTable.median([]) == 0)
    }

    @Test func evalWritesAReportForTheModalModel() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("report.json")
        try EvalCommand.parse(["--model", "modal", "--curves", "3", "--seed", "5", "--out", out.path]).run()
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect(report?["curves"] as? Int == 3)
        #expect((report?["cases"] as? [Any])?.count == 3)
        #expect((report?["descriptors"] as? [String: Any])?.keys.sorted() == Descriptor.allCases.map(\.key).sorted())
        #expect(throws: (any Error).self) { try EvalCommand.parse(["--curves", "0"]) }
    }
}
