import Foundation
import NeuroCore

/// The measured reference profiles: descriptor curves of real one-shots, with their provenance.
///
/// The library that ships in the package (``bundled()``) is built by
/// `training/profiles/build_profiles.py`, which runs our librosa-parity descriptors
/// (`neurorack-run describe`) on selected samples of Debian's `hydrogen-drumkits` and records
/// kit, file, author and licence per profile. Names follow `<family>-<variant>-<n>`
/// (`kick-acoustic-1`, `hat-closed-2`, `perc-cowbell-1`…).
///
/// File format (JSON): `{"format":"neurorack-profiles","version":1,"profiles":[{"name":…,
/// "kit":…,"source":…,"author":…,"license":…,"sample_rate":22050,"hop":512,"frames":N,
/// "rms":[…],…,"f0":[…]}, …]}`.
public struct ProfileLibrary: Sendable, Equatable {
    /// One measured profile and where it comes from.
    public struct Entry: Sendable, Equatable {
        /// The curves; `profile.name` is the library name.
        public var profile: ImpactProfile
        /// The drum kit (folder under `/usr/share/hydrogen/data/drumkits`).
        public var kit: String
        /// The sample file inside the kit.
        public var source: String
        /// The author of the kit.
        public var author: String
        /// The licence of the kit, as an SPDX-like short name.
        public var license: String

        /// Creates an entry.
        public init(profile: ImpactProfile, kit: String, source: String, author: String, license: String) {
            self.profile = profile
            self.kit = kit
            self.source = source
            self.author = author
            self.license = license
        }
    }

    /// The profiles, in library order.
    public let entries: [Entry]

    /// A library of `entries`.
    ///
    /// - Throws: `NeuroError` `.invalidData` when two entries share a name, a profile has no
    ///   frames, or a value is not finite.
    public init(entries: [Entry]) throws(NeuroError) {
        var seen = Set<String>()
        for entry in entries {
            let name = entry.profile.name
            guard seen.insert(name).inserted else {
                throw NeuroError(.invalidData, "profile library: duplicate profile name \"\(name)\"")
            }
            guard !entry.profile.frames.isEmpty else {
                throw NeuroError(.invalidData, "profile library: profile \"\(name)\" has no frames")
            }
            guard entry.profile.frames.allSatisfy(\.isFinite) else {
                throw NeuroError(.invalidData, "profile library: profile \"\(name)\" contains NaN or infinity")
            }
        }
        self.entries = entries
    }

    /// The profile names, in library order.
    public var names: [String] { entries.map(\.profile.name) }

    /// The entry named `name`, or `nil`.
    public func entry(named name: String) -> Entry? { entries.first { $0.profile.name == name } }

    /// The profile named `name`, or `nil`.
    public func profile(named name: String) -> ImpactProfile? { entry(named: name)?.profile }
}
