import Foundation
import ArgumentParser
import NeuroCore

/// `--latent-dims` and `--latent-depth`: the latent dimensions of a TorchScript model that CV3,
/// CV4 and CV5 offset, and by how much; shared by `render`, `play` and `module`.
struct TorchLatentOptions: ParsableArguments {
    @Option(
        name: .customLong("latent-dims"),
        help: ArgumentHelp("TorchScript models: the latent dimensions CV3, CV4, CV5 offset (default 0,1,2).", valueName: "a,b,c"),
        transform: TorchLatentOptions.dimensions(from:))
    var dimensions: [Int]?

    @Option(
        name: .customLong("latent-depth"), parsing: .unconditional,
        help: ArgumentHelp("TorchScript models: latent units a CV adds per volt above 1 V (default 1).", valueName: "units"))
    var depth: Float = 1

    func validate() throws {
        guard depth.isFinite else { throw ValidationError("--latent-depth must be finite, got \(depth)") }
    }

    /// Checks that the options are not given to a model that has no latents (not TorchScript).
    ///
    /// - Throws: `.usage` naming the model.
    func checkUnused(by modelName: String) throws(NeuroError) {
        guard dimensions != nil || depth != 1 else { return }
        throw NeuroError(.usage, "--latent-dims and --latent-depth move the latents of TorchScript models; \(modelName) is not one")
    }

    /// The `--latent-dims` list: comma-separated dimension numbers.
    ///
    /// - Throws: `ValidationError` naming an item that is not a number.
    static func dimensions(from text: String) throws -> [Int] {
        try text.split(separator: ",").map { item in
            guard let dimension = Int(item.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--latent-dims: '\(item)' is not a dimension number")
            }
            return dimension
        }
    }
}
