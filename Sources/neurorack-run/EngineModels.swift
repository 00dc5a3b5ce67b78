import NeuroCore
import NeuroProfiles
import NeuroTorch

/// The model a `play` or `module` engine starts with, and the models and profiles that may
/// replace it while it runs.
///
/// Descriptor models (`neural`, `modal`, NSF files) play descriptor profiles and replace each
/// other freely. A TorchScript model plays the latents of a ``TorchLatentSetup`` through the
/// ``LatentCarrier`` control the engine starts with: it can be reloaded (a fresh model with the
/// same latents), but another model would read the carrier frames as descriptor curves and a
/// descriptor profile would replace the carrier, so both are refused with an error saying to
/// restart with the wanted model.
struct EngineModels: Sendable {
    /// The `--model` value the engine started with.
    let startName: String
    /// The latents of the start model when it is a TorchScript model.
    let torch: TorchLatentSetup?

    /// A loaded model and the control it starts from, before the engine (whose rate may be that
    /// of an output opened in between) exists.
    struct Start {
        /// The model the engine starts with.
        let model: any ImpactModel
        /// The control it generates from.
        let control: LatentControl
        /// The models that may replace it.
        let models: EngineModels

        /// The engine (not started) of the model with `configuration`; for a TorchScript model
        /// its ``Engine/Configuration/maxFramesPerImpact`` becomes the latent profile's length.
        ///
        /// - Throws: the errors of ``Engine/init(model:control:configuration:)``.
        func engine(_ configuration: Engine.Configuration) throws(NeuroError) -> Engine {
            var configuration = configuration
            if models.torch != nil {
                configuration.maxFramesPerImpact = min(control.frameCount, Engine.maxFramesPerImpactLimit)
            }
            return try Engine(model: model, control: control, configuration: configuration)
        }
    }

    /// Loads the model of a `--model` value (and `--config`) and its control from the profiles
    /// of the command line.
    ///
    /// - Parameters:
    ///   - nameOrPath: the model (default ``ModelRegistry/defaultName``).
    ///   - profile: profile A (name or file; default ``ImpactProfile/defaultName``).
    ///   - morph: profile B, which CV2 morphs towards.
    ///   - latents: the offsets of a TorchScript model's latents; `nil`: the defaults (a command without the options).
    /// - Throws: the errors of loading the model and reading or encoding the profiles; `.usage`
    ///   for latent options given to a model that is not TorchScript.
    static func start(
        model nameOrPath: String?, config: String? = nil, profile: String?, morph: String?, latents: TorchLatentOptions?
    ) throws(NeuroError) -> Start {
        let name = nameOrPath ?? ModelRegistry.defaultName
        let model = try ModelRegistry.resolve(name, config: config)
        guard let torch = model as? TorchModel else {
            try latents?.checkUnused(by: name)
            let control = LatentControl(
                primary: try ProfileFile.profile(nameOrFile: profile ?? ImpactProfile.defaultName),
                secondary: try morph.map { (name) throws(NeuroError) in try ProfileFile.profile(nameOrFile: name) })
            return Start(model: model, control: control, models: EngineModels(startName: name, torch: nil))
        }
        let setup = TorchLatentSetup(primary: profile, secondary: morph, offsetDimensions: latents?.dimensions, offsetDepth: latents?.depth ?? 1)
        return Start(model: torch, control: try setup.apply(to: torch), models: EngineModels(startName: name, torch: setup))
    }

    /// Loads the model `nameOrPath` to swap in (off the audio thread); a TorchScript start model
    /// gets its latents set again.
    ///
    /// - Throws: `.usage` when the swap would mix a TorchScript model with another model, and
    ///   the errors of loading it.
    func load(_ nameOrPath: String) throws(NeuroError) -> any ImpactModel {
        if let torch {
            guard nameOrPath == startName else {
                throw NeuroError(
                    .usage,
                    "the engine plays the TorchScript model \(startName) through latent controls set at start; "
                        + "to play \(nameOrPath), restart with --model \(nameOrPath)")
            }
            let model = try ModelRegistry.resolve(nameOrPath, threadCount: 1)
            guard let reloaded = model as? TorchModel else {
                throw NeuroError(.invalidData, "\(nameOrPath): no longer loads as a TorchScript model")
            }
            _ = try torch.apply(to: reloaded)
            return reloaded
        }
        let model = try ModelRegistry.resolve(nameOrPath, threadCount: 1)
        guard !(model is TorchModel) else {
            throw NeuroError(
                .usage,
                "\(nameOrPath) is a TorchScript model: it plays latent profiles through controls set at start, "
                    + "so it cannot replace \(startName) while playing; restart with --model \(nameOrPath)")
        }
        return model
    }

    /// Checks that the profiles may change (not while a TorchScript model plays its latents).
    ///
    /// - Throws: `.usage` naming the model and the options that choose its latents.
    func checkProfileChange() throws(NeuroError) {
        guard torch != nil else { return }
        throw NeuroError(
            .usage,
            "the TorchScript model \(startName) plays the latent profiles set at start (--profile, --morph); restart to change them")
    }
}
