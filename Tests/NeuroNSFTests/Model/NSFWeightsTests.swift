import Foundation
import Testing
@testable import NeuroNSF
import NeuroCore

/// Loading weights: every problem is a clear ``NeuroError`` naming the file and the tensor.
@Suite struct NSFWeightsTests {
    private let config = SmallNSFModel.config()

    /// Writes `writer` plus the config to a temporary folder and loads them with the URL initialiser.
    private func load(_ data: Data) throws(NeuroError) -> NSFModel {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nsf-weights-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let weights = folder.appendingPathComponent("small.safetensors")
        let architecture = folder.appendingPathComponent("architecture.json")
        try? data.write(to: weights)
        try? JSONEncoder().encode(config).write(to: architecture)
        return try NSFModel(weights: weights, config: architecture)
    }

    /// The small model's weights with tensor `name` replaced.
    private func weights(replacing name: String, shape: [Int], values: [Float]) -> Data {
        SmallNSFModel.weights(for: config, override: .init(name: name, shape: shape, values: values)).encoded()
    }

    private func expectError(_ data: Data, _ fragments: String...) {
        do {
            _ = try load(data)
            Issue.record("expected an error mentioning \(fragments)")
        } catch {
            #expect(error.kind == .invalidData)
            for fragment in fragments {
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
    }

    @Test func loadsValidWeightsFromFiles() throws {
        let model = try load(SmallNSFModel.weights(for: config).encoded())
        #expect(model.name == "small" && model.samplesPerFrame == 64 && model.sampleRate == 22_050)
        #expect(model.statistics?.mean.count == 7)
    }

    /// Regression (hostile test): weights of 3e38 and an input_std of 1e-45 loaded and saturated the output.
    @Test func rejectsImplausibleWeightsAndStatistics() {
        expectError(weights(replacing: "input_std", shape: [7], values: [1e-45, 1, 1, 1, 1, 1, 1]),
                    "small.safetensors", "input_std", "rms", "cannot be right")
        let name = "m_cond.l_conv1ds.1.bias"
        expectError(weights(replacing: name, shape: [32], values: [3e38] + Array(repeating: 0, count: 31)),
                    "small.safetensors", name, "element 0 is 3e+38")
    }

    @Test func rejectsTruncatedFiles() {
        let whole = SmallNSFModel.weights(for: config).encoded()
        expectError(whole.prefix(whole.count / 2), "small.safetensors", "truncated")
    }

    @Test func rejectsWrongShapes() {
        let name = "m_filter.l_har_blocks.1.l_convs.2.weight"
        expectError(
            weights(replacing: name, shape: [32, 32, 2], values: Array(repeating: 0, count: 32 * 32 * 2)),
            "small.safetensors", name, "[32, 32, 2]", "expected [32, 32, 3]")
    }

    @Test func rejectsNaNAndInfinity() {
        let name = "m_cond.l_conv1ds.1.bias"
        var values = Array(repeating: Float(0), count: 32)
        values[5] = .nan
        expectError(weights(replacing: name, shape: [32], values: values), name, "nan", "index 5")
        values[5] = .infinity
        expectError(weights(replacing: name, shape: [32], values: values), name, "inf")
    }

    @Test func rejectsMissingTensors() {
        let writer = SmallNSFModel.weights(for: config, override: .init(name: "m_source.l_linear.bias", shape: [1], values: nil))
        expectError(writer.encoded(), "\"m_source.l_linear.bias\" is missing")
    }

    @Test func rejectsNonUniformMovingAveragesAndWrongScales() {
        let average = NSFTensorNames.cutoffSmoothing
        expectError(weights(replacing: average, shape: [1, 1, 256], values: Array(repeating: 0.5, count: 256)), average, "1/256")
        let scale = "m_filter.l_noi_blocks.0.scale"
        expectError(weights(replacing: scale, shape: [1], values: [0.2]), scale, "block_scale")
    }

    @Test func rejectsBadStatistics() {
        expectError(
            weights(replacing: NSFTensorNames.inputStandardDeviation, shape: [7], values: [1, 1, 1, 0, 1, 1, 1]),
            "input_std", "positive")
    }

    @Test func rejectsMissingFiles() {
        let missing = URL(fileURLWithPath: "/nonexistent/model.safetensors")
        #expect { try NSFModel(weights: missing, config: missing) } throws: { ($0 as? NeuroError)?.kind == .missingInput }
    }
}
