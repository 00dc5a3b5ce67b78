import Foundation
import NeuroCore
import NeuroSafeTensors
import NeuroTestSupport
import NeuroTorch
import Testing

/// verify-torch's comparison of a model with PyTorch reference outputs.
extension TorchSuite {
    @Suite struct TorchVerificationReportTests {
        private func fixture(_ path: String) throws -> SafeTensorsFile {
            try SafeTensorsFile(contentsOf: URL(fileURLWithPath: path))
        }

        @Test func theCommittedFixturesPass() throws {
            let codec = try TorchVerificationReport(module: TorchModule(path: TorchTestModels.codec), fixture: fixture(TorchTestModels.codecFixture))
            #expect(codec.comparisons.map(\.name) == ["encode", "decode", "forward"])
            #expect(codec.passes, "\(codec.lines)")
            let streaming = try TorchVerificationReport(
                module: TorchModule(path: TorchTestModels.streaming), fixture: fixture(TorchTestModels.streamingFixture))
            #expect(streaming.comparisons.map(\.name) == ["encode", "decode"])
            #expect(streaming.passes, "\(streaming.lines)")
            #expect(streaming.lines.last?.hasPrefix("max rel_l2=") == true)
        }

        /// The fixture at `path` rewritten with `seed` in its metadata (nil: none).
        private func reseeded(_ path: String, seed: String?, into directory: TemporaryDirectory) throws -> SafeTensorsFile {
            let original = try fixture(path)
            var writer = SafeTensorsWriter()
            for name in original.names {
                writer.add(name, shape: try original.entry(name).shape, floats: try original.floats(name))
            }
            writer.metadata = seed.map { ["seed": $0] } ?? [:]
            let url = directory.file("fixture.safetensors")
            try writer.write(to: url)
            return try SafeTensorsFile(contentsOf: url)
        }

        @Test func anotherSeedFailsTheSeededDecode() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let report = try TorchVerificationReport(
                module: TorchModule(path: TorchTestModels.codec), fixture: reseeded(TorchTestModels.codecFixture, seed: "99", into: directory))
            #expect(!report.passes)
            #expect(report.comparisons.first { $0.name == "encode" }.map { $0.relativeL2 < 1e-6 } == true)
            #expect(report.comparisons.first { $0.name == "decode" }.map { $0.relativeL2 > 1e-4 } == true)
        }

        @Test func aFixtureWithoutSeedOrForAnotherModelIsAnError() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let unseeded = try reseeded(TorchTestModels.codecFixture, seed: nil, into: directory)
            #expect {
                try TorchVerificationReport(module: TorchModule(path: TorchTestModels.codec), fixture: unseeded)
            } throws: { error in
                (error as? NeuroError)?.message.contains("metadata \"seed\"") == true
            }
            #expect(throws: NeuroError.self) {
                try TorchVerificationReport(module: TorchModule(path: TorchTestModels.streaming), fixture: fixture(TorchTestModels.codecFixture))
            }
        }
    }
}
