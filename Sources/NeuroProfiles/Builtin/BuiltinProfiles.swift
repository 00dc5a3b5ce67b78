import Foundation
import NeuroCore

/// The synthetic profiles that ship in code, so every command has a default impact before any
/// measured profile library is installed.
///
/// Each descriptor moves from an attack value to a resting value along an exponential with
/// its own time constant, with values in the ranges real drum hits show (the librosa
/// references of `hydrogen-drumkits` one-shots): a kick's pitch drops, a snare and a hat are
/// mostly noise, metal rings long with spread partials, wood is short and pitched.
public enum BuiltinProfiles {
    /// One descriptor's curve: `rest + (attack − rest) · exp(−t / decay)`, `t` in seconds.
    struct Curve: Sendable {
        var attack: Float
        var rest: Float
        var decay: Float

        func value(at time: Float) -> Float { rest + (attack - rest) * exp(-time / decay) }
    }

    /// A profile as seven curves in ``Descriptor`` order.
    struct Recipe: Sendable {
        var name: String
        var summary: String
        var curves: [Curve]
    }

    /// The recipes, in the order they are listed.
    static let recipes: [Recipe] = [
        Recipe(name: "kick", summary: "bass drum: falling pitch, dark, almost no noise", curves: [
            Curve(attack: 0.25, rest: 0, decay: 0.14), Curve(attack: 0.035, rest: 0.012, decay: 0.08),
            Curve(attack: 4_800, rest: 400, decay: 0.09), Curve(attack: 0.006, rest: 0.0004, decay: 0.05),
            Curve(attack: 2_300, rest: 700, decay: 0.12), Curve(attack: 1_800, rest: 300, decay: 0.07),
            Curve(attack: 110, rest: 52, decay: 0.04),
        ]),
        Recipe(name: "snare", summary: "snare drum: pitched body under a bright noise burst", curves: [
            Curve(attack: 0.2, rest: 0, decay: 0.09), Curve(attack: 0.25, rest: 0.1, decay: 0.05),
            Curve(attack: 7_000, rest: 4_500, decay: 0.08), Curve(attack: 0.17, rest: 0.03, decay: 0.06),
            Curve(attack: 2_800, rest: 2_400, decay: 0.1), Curve(attack: 3_800, rest: 2_200, decay: 0.06),
            Curve(attack: 205, rest: 190, decay: 0.1),
        ]),
        Recipe(name: "hat", summary: "closed hi-hat: short, high, noisy", curves: [
            Curve(attack: 0.12, rest: 0, decay: 0.05), Curve(attack: 0.45, rest: 0.18, decay: 0.06),
            Curve(attack: 9_500, rest: 7_500, decay: 0.1), Curve(attack: 0.16, rest: 0.04, decay: 0.05),
            Curve(attack: 3_400, rest: 3_100, decay: 0.1), Curve(attack: 5_500, rest: 4_000, decay: 0.08),
            Curve(attack: 430, rest: 430, decay: 1),
        ]),
        Recipe(name: "metal", summary: "struck metal (cowbell, bell): long ring, spread partials", curves: [
            Curve(attack: 0.22, rest: 0, decay: 0.6), Curve(attack: 0.07, rest: 0.04, decay: 0.05),
            Curve(attack: 7_000, rest: 1_400, decay: 0.12), Curve(attack: 0.02, rest: 0.00001, decay: 0.03),
            Curve(attack: 2_900, rest: 1_900, decay: 0.2), Curve(attack: 3_000, rest: 900, decay: 0.15),
            Curve(attack: 470, rest: 460, decay: 0.1),
        ]),
        Recipe(name: "wood", summary: "wood block: short, pitched, warm", curves: [
            Curve(attack: 0.2, rest: 0, decay: 0.045), Curve(attack: 0.1, rest: 0.075, decay: 0.03),
            Curve(attack: 3_000, rest: 1_800, decay: 0.04), Curve(attack: 0.01, rest: 0.001, decay: 0.02),
            Curve(attack: 900, rest: 500, decay: 0.05), Curve(attack: 1_500, rest: 1_000, decay: 0.04),
            Curve(attack: 800, rest: 790, decay: 0.05),
        ]),
    ]

    /// The built-in profile names, in listing order.
    public static var names: [String] { recipes.map(\.name) }

    /// A one-line description of the built-in profile `name`, or `nil`.
    public static func summary(of name: String) -> String? {
        recipes.first { $0.name == name }?.summary
    }

    /// The built-in profile `name` with `frameCount` frames (22 050 Hz, hop 512), or `nil`.
    public static func profile(named name: String, frameCount: Int = ImpactProfile.defaultFrameCount) -> ImpactProfile? {
        guard let recipe = recipes.first(where: { $0.name == name }) else { return nil }
        let hop = 512, sampleRate = 22_050
        let frames = (0..<max(frameCount, 0)).map { index in
            let time = Float(index * hop) / Float(sampleRate)
            return ControlFrame(values: recipe.curves.map { $0.value(at: time) })
        }
        return ImpactProfile(name: recipe.name, frames: frames, sampleRate: sampleRate, hop: hop)
    }
}

extension ImpactProfile {
    /// The name of the profile commands use when none is given: the measured acoustic kick
    /// `kick-acoustic-1` of the profile library, or the built-in `kick` when the library file
    /// is not installed.
    public static var defaultName: String {
        (try? ProfileLibrary.bundled())?.profile(named: measuredDefaultName) != nil ? measuredDefaultName : "kick"
    }

    /// The measured profile ``defaultName`` prefers.
    static let measuredDefaultName = "kick-acoustic-1"

    /// The names ``named(_:)`` accepts, in listing order: the built-in profiles, then the
    /// measured library (when its file is installed).
    public static var availableNames: [String] {
        BuiltinProfiles.names + ((try? ProfileLibrary.bundled().names) ?? [])
    }

    /// The profile called `name`, from every source of named profiles.
    ///
    /// This is the one lookup by name for the whole project (commands, module menu): the
    /// ``BuiltinProfiles`` first, then the measured ``ProfileLibrary/bundled()`` library.
    ///
    /// - Throws: `.usage` naming the known profiles when there is none called `name`.
    public static func named(_ name: String) throws(NeuroError) -> ImpactProfile {
        if let profile = BuiltinProfiles.profile(named: name) ?? (try? ProfileLibrary.bundled())?.profile(named: name) {
            return profile
        }
        throw NeuroError(
            .usage,
            "unknown profile '\(name)'; built-in profiles: \(BuiltinProfiles.names.joined(separator: ", ")) (`neurorack-run profiles` lists the measured ones)")
    }
}
