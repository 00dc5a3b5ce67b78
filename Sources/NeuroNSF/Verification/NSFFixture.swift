import Foundation
import NeuroCore
import NeuroSafeTensors

/// A reference fixture in the `../shared/neurorack` format: inputs, injected random draws and the
/// PyTorch intermediates of one forward pass (see FIXTURES.md there).
///
/// Tensor names are those of ``NSFTrace``. Sinc coefficients may be stored for every sample
/// (`lp_coef`, `hp_coef`) or sub-sampled at the sample indices `coef_index` (`lp_coef_sub`,
/// `hp_coef_sub`). Tensors the fixture lacks are not compared.
public struct NSFFixture: Sendable {
    /// The raw control frames (`features`).
    public let frames: [ControlFrame]
    /// The injected draws (`rand_ini`, `randn_sine`, `randn_noise`).
    public let draws: NSFRandomDraws
    /// The fixture file, for the reference tensors.
    public let file: SafeTensorsFile

    /// Reads a fixture and checks its inputs: `features` `[1, T, 7]` and draws for `T · samplesPerFrame` samples.
    public init(contentsOf url: URL, samplesPerFrame: Int, sineCount: Int) throws(NeuroError) {
        let file = try SafeTensorsFile(contentsOf: url)
        let features = try file.entry("features")
        guard features.shape.count == 3, features.shape[0] == 1, features.shape[2] == 7 else {
            throw NeuroError(.invalidData, "\(file.fileName): tensor \"features\" has shape \(features.shape), expected [1, T, 7]")
        }
        let frameCount = features.shape[1]
        let samples = frameCount * samplesPerFrame
        let values = try file.floats("features", shape: features.shape)
        frames = (0..<frameCount).map { ControlFrame(values: values[$0 * 7..<($0 + 1) * 7]) }
        draws = try NSFRandomDraws(
            initialPhases: file.floats("rand_ini", shape: [1, sineCount]),
            sineNoise: file.floats("randn_sine", shape: [1, samples, sineCount]),
            excitationNoise: file.floats("randn_noise", shape: [1, samples, 1]))
        self.file = file
    }

    /// Compares every tensor of `trace` the fixture also holds, in name order.
    ///
    /// - Throws: `.invalidData` when a tensor's size differs from the model's or `coef_index`
    ///   does not fit the sub-sampled coefficients.
    public func compare(_ trace: NSFTrace) throws(NeuroError) -> [NSFTensorComparison] {
        var results: [NSFTensorComparison] = []
        for name in trace.tensors.keys.sorted() {
            guard let values = trace.tensors[name], let width = trace.rowWidths[name] else { continue }
            if file.entries[name] != nil {
                let reference = try file.floats(name)
                guard reference.count == values.count else {
                    throw NeuroError(.invalidData, "\(file.fileName): tensor \"\(name)\" has \(reference.count) values, the model produced \(values.count)")
                }
                results.append(NSFTensorComparison(name: name, actual: values[...], expected: reference[...]))
            } else if file.entries[name + "_sub"] != nil, file.entries["coef_index"] != nil {
                let reference = try file.floats(name + "_sub")
                let rows = try file.int64s("coef_index").map(Int.init)
                guard rows.allSatisfy({ $0 >= 0 && ($0 + 1) * width <= values.count }), reference.count == rows.count * width else {
                    throw NeuroError(.invalidData, "\(file.fileName): coef_index does not fit tensor \"\(name)_sub\"")
                }
                let actual = rows.flatMap { values[$0 * width..<($0 + 1) * width] }
                results.append(NSFTensorComparison(name: name + "_sub", actual: actual[...], expected: reference[...]))
            }
        }
        return results
    }
}

/// How far one computed tensor is from its reference (the comparison every verifier shares).
public typealias NSFTensorComparison = TensorComparison

/// The outcome of running a fixture: every comparison and the verdict of `neurorack-run verify-nsf`.
public struct NSFVerificationReport: Sendable {
    /// The largest relative L2 error of the output accepted as parity.
    public static let outputTolerance = 1e-4

    /// One comparison per tensor the fixture holds.
    public let comparisons: [NSFTensorComparison]

    /// Runs `fixture` through `model` with the fixture's random draws and compares every tensor.
    public init(model: NSFModel, fixture: NSFFixture) throws(NeuroError) {
        let trace = try model.trace(frames: fixture.frames, draws: fixture.draws)
        comparisons = try fixture.compare(trace)
    }

    /// The largest relative L2 error over all tensors.
    public var maxRelativeL2: Double { comparisons.map(\.relativeL2).max() ?? 0 }

    /// The output's relative L2 error, or `nil` when the fixture has no `output`.
    public var outputRelativeL2: Double? { comparisons.first { $0.name == "output" }?.relativeL2 }

    /// Whether the output is within ``outputTolerance`` of the reference.
    public var passes: Bool { (outputRelativeL2 ?? .infinity) <= Self.outputTolerance }

    /// The printed report: one `NAME rel_l2=X max_abs=Y` line per tensor, then `max rel_l2=X`.
    public var lines: [String] {
        comparisons.map(\.line) + ["max rel_l2=\(String(format: "%.3e", maxRelativeL2))"]
    }
}
