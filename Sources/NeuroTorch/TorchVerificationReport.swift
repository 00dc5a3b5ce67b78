import Foundation
import NeuroCore
import NeuroSafeTensors

/// A TorchScript model checked against a fixture of reference outputs computed in PyTorch.
///
/// The fixture (safetensors) holds `input` (`[1, in_channels, N]` float32) and any of `encode`,
/// `decode` and `forward`: the expected outputs of `encode(input)`, `decode(<the encode tensor>)`
/// and `forward(input)`, each computed right after `torch.manual_seed(seed)` with `seed` in the
/// metadata. Each method runs the same way here: buffers as at load, then the seed, then the call.
public struct TorchVerificationReport: Sendable {
    /// The largest relative L2 error that passes.
    public static let tolerance = 1e-4
    /// The methods a fixture may hold, in the order they are checked.
    public static let methods = ["encode", "decode", "forward"]

    /// One comparison per method the fixture holds, in ``methods`` order.
    public let comparisons: [TensorComparison]

    /// Runs every method of `fixture` on `module` and compares the outputs.
    ///
    /// - Throws: `.invalidData` naming the fixture when `input`, the seed or every method is
    ///   missing, a shape is wrong or the model's output has another shape than the reference;
    ///   `.modelFailure` with torch's message when a method fails.
    public init(module: TorchModule, fixture: SafeTensorsFile) throws(NeuroError) {
        let file = fixture.fileName
        guard let seedText = fixture.metadata["seed"], let seed = UInt64(seedText) else {
            throw NeuroError(.invalidData, "\(file): metadata \"seed\" (the torch.manual_seed value, an unsigned integer) is missing")
        }
        let present = Self.methods.filter { fixture.entries[$0] != nil }
        guard !present.isEmpty else {
            throw NeuroError(.invalidData, "\(file): no reference tensor (expected any of \(Self.methods.joined(separator: ", ")))")
        }
        let input = try Self.tensor("input", in: fixture)
        var comparisons: [TensorComparison] = []
        for method in present {
            let argument = method == "decode" ? try Self.tensor("encode", in: fixture) : input
            let reference = try Self.tensor(method, in: fixture)
            try module.resetBuffers()
            TorchModule.seed(seed)
            let output = try module.call(method, argument)
            guard output.shape == reference.shape else {
                throw NeuroError(.invalidData, "\(file): \(method) returned shape \(output.shape), the reference \"\(method)\" has \(reference.shape)")
            }
            comparisons.append(TensorComparison(name: method, actual: output.values[...], expected: reference.values[...]))
        }
        self.comparisons = comparisons
    }

    /// The largest relative L2 error.
    public var maxRelativeL2: Double { comparisons.map(\.relativeL2).max() ?? 0 }
    /// Whether every method is within ``tolerance``.
    public var passes: Bool { maxRelativeL2 <= Self.tolerance }

    /// `METHOD rel_l2=X max_abs=Y` per method, then `max rel_l2=X`.
    public var lines: [String] {
        comparisons.map(\.line) + ["max rel_l2=\(String(format: "%.3e", maxRelativeL2))"]
    }

    /// Tensor `name` of the fixture as a rank-3 float tensor.
    private static func tensor(_ name: String, in fixture: SafeTensorsFile) throws(NeuroError) -> TorchTensor {
        let entry = try fixture.entry(name)
        guard entry.shape.count == 3 else {
            throw NeuroError(.invalidData, "\(fixture.fileName): tensor \"\(name)\" has shape \(entry.shape), expected [batch, channels, frames]")
        }
        let values = try fixture.floats(name, shape: entry.shape)
        do {
            return try TorchTensor(shape: entry.shape, values: values)
        } catch {
            throw NeuroError(.invalidData, "\(fixture.fileName): tensor \"\(name)\": \(error.message)")
        }
    }
}
