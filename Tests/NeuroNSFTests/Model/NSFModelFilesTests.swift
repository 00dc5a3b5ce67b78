import Foundation
import NeuroTestSupport
import Testing
@testable import NeuroNSF
import NeuroCore

/// Finding a model's config next to its weights, and the size of a config.
@Suite struct NSFModelFilesTests {
    /// The source-tree fallback (for a binary run without its resource bundle) points at the real files.
    @Test func sourceTreeFallbackFindsTheBundledFiles() throws {
        let sourceTree = try #require(DefaultNSFModel.searchDirectories.last)
        for name in [DefaultNSFModel.weightsFileName, DefaultNSFModel.configFileName] {
            #expect(FileManager.default.fileExists(atPath: sourceTree.appendingPathComponent(name).path), "\(sourceTree.path)/\(name)")
        }
    }

    @Test func configNamedAfterTheWeightsComesFirstThenArchitectureJSON() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let weights = directory.file("kick.safetensors")
        let missing = #expect(throws: NeuroError.self) { try NSFModel.configURL(nextTo: weights) }
        #expect(missing?.kind == .missingInput)
        #expect(missing?.message == "\(weights.path): no model config next to it (looked for kick.json and architecture.json)")

        try Data("{}".utf8).write(to: directory.file("architecture.json"))
        #expect(try NSFModel.configURL(nextTo: weights).lastPathComponent == "architecture.json")
        try Data("{}".utf8).write(to: directory.file("kick.json"))
        #expect(try NSFModel.configURL(nextTo: weights).lastPathComponent == "kick.json")
        #expect(try NSFModel.configURL(nextTo: directory.file("snare.safetensors")).lastPathComponent == "architecture.json")
    }

    @Test func theDefaultModelLoadsFromCopiedFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let resources = try #require(DefaultNSFModel.directory)
        let weights = directory.file("copy.safetensors")
        try FileManager.default.copyItem(at: resources.appendingPathComponent(DefaultNSFModel.weightsFileName), to: weights)
        try FileManager.default.copyItem(
            at: resources.appendingPathComponent(DefaultNSFModel.configFileName), to: directory.file("architecture.json"))
        let model = try NSFModel(weights: weights, config: NSFModel.configURL(nextTo: weights))
        #expect(model.name == "copy")
        #expect(model.config == (try DefaultNSFModel.load()).config)
    }

    @Test func trainableParametersMatchTheExportedCount() throws {
        let configURL = try #require(DefaultNSFModel.directory).appendingPathComponent(DefaultNSFModel.configFileName)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as? [String: Any]
        let exported = try #require(json?["n_params_trainable"] as? Int)
        #expect(try NSFConfig(contentsOf: configURL).trainableParameterCount == exported)
    }

    @Test(SharedReferenceData.required(NSFReferenceData.architecturePath))
    func referenceArchitectureHasTheOriginalParameterCount() throws {
        let reference = try SharedReferenceData.requiredURL(NSFReferenceData.architecturePath)
        #expect(try NSFConfig(contentsOf: reference).trainableParameterCount == 708_594)
    }
}
