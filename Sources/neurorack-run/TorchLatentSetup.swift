import Foundation
import NeuroCore
import NeuroProfiles
import NeuroTorch

/// The latents a TorchScript decoder plays, as `render`, `play` and `module` take them from the
/// command line: profile A, profile B (which CV2 or `--alpha` morphs towards) and the latent
/// dimensions CV3–CV5 offset.
///
/// A profile is a latent profile JSON file (`describe --latents`), or a descriptor profile (a
/// name or CSV file, as for the other models) rendered by the bundled neural model and encoded
/// by the TorchScript model.
struct TorchLatentSetup: Sendable {
    /// Profile A; `nil`: ``ImpactProfile/defaultName``.
    var primary: String?
    /// Profile B; `nil`: no morphing.
    var secondary: String?
    /// Stretches profile A to this many latent frames; `nil`: its own length.
    var frames: Int?
    /// The latent dimensions CV3, CV4 and CV5 offset; `nil`: the first three.
    var offsetDimensions: [Int]?
    /// Latent units one volt above 1 V adds.
    var offsetDepth: Float

    /// The setup of `primary` and `secondary` with the offsets of `options`.
    init(primary: String?, secondary: String?, frames: Int? = nil, options: TorchLatentOptions) {
        self.init(primary: primary, secondary: secondary, frames: frames, offsetDimensions: options.dimensions, offsetDepth: options.depth)
    }

    /// The setup of `primary` and `secondary` with offsets on `offsetDimensions` (`nil`: the first three).
    init(primary: String?, secondary: String?, frames: Int? = nil, offsetDimensions: [Int]?, offsetDepth: Float) {
        self.primary = primary
        self.secondary = secondary
        self.frames = frames
        self.offsetDimensions = offsetDimensions
        self.offsetDepth = offsetDepth
    }

    /// The name of profile A.
    var primaryName: String { primary ?? ImpactProfile.defaultName }

    /// Sets the latents of `torch` and returns the control (``LatentCarrier``) an engine or
    /// renderer must drive it with.
    ///
    /// - Throws: the errors of reading or encoding a profile; `.invalidData` when a profile's
    ///   dimension is not the model's latent size or an offset dimension is outside it.
    func apply(to torch: TorchModel) throws(NeuroError) -> LatentControl {
        var profileA = try Self.profile(primaryName, module: torch.module)
        if let frames {
            profileA = profileA.resampled(toFrameCount: frames)
        }
        let profileB = try secondary.map { (name) throws(NeuroError) in try Self.profile(name, module: torch.module) }
        try torch.setLatents(LatentMorph(primary: profileA, secondary: profileB, offsetDimensions: offsetDimensions, offsetDepth: offsetDepth))
        return torch.latentControl
    }

    /// The latent profile `nameOrFile`: a `.json` file is read as a latent profile, anything
    /// else is a descriptor profile rendered by the bundled neural model and encoded by `module`.
    static func profile(_ nameOrFile: String, module: TorchModule) throws(NeuroError) -> LatentProfile {
        if URL(fileURLWithPath: nameOrFile).pathExtension.lowercased() == "json" {
            return try LatentProfileFile.read(nameOrFile)
        }
        return try TorchLatents.profile(ofImpact: ProfileFile.profile(nameOrFile: nameOrFile), module: module)
    }
}
