import NeuroCore
/// Every intermediate tensor of an hn-sinc-NSF forward pass, named as in the reference fixtures.
///
/// Filled by ``NSFModel/trace(frames:draws:)`` for verification against PyTorch. Each tensor is
/// flat, row-major, without the batch axis: `features_normalized` and `cond_conv0…` are
/// `[frames][width]`, `context` is `[samples][H]`, `sine_waves` `[samples][S]`, `lp_coef` and
/// `hp_coef` `[samples][order]`, every other tensor `[samples]`.
public struct NSFTrace: Sendable {
    /// The tensors by fixture name (`context`, `har_block0`, `output`, …).
    public private(set) var tensors: [String: [Float]] = [:]
    /// The width of one row of each tensor (1 for per-sample scalars).
    public private(set) var rowWidths: [String: Int] = [:]

    /// Creates an empty trace.
    public init() {}

    /// Appends rows to tensor `name` (created on first use with row width `width`).
    mutating func append<C: Collection>(_ name: String, width: Int = 1, _ values: C) where C.Element == Float {
        rowWidths[name] = width
        tensors[name, default: []].append(contentsOf: values)
    }

    /// Appends every tensor of `other` to the tensor of the same name.
    mutating func append(contentsOf other: NSFTrace) {
        for (name, values) in other.tensors {
            append(name, width: other.rowWidths[name] ?? 1, values)
        }
    }
}
