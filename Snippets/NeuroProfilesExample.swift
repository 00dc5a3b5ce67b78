// Find profiles by name, read the measured library's provenance, and round-trip a profile as CSV.
import Foundation
import NeuroCore
import NeuroProfiles

// Built-in (synthetic, in code) and measured (bundled JSON) profiles share one lookup.
print("built in: \(BuiltinProfiles.names.joined(separator: " "))")
let snare = try ImpactProfile.named("snare")
print("snare: \(snare.frames.count) frames, \(BuiltinProfiles.summary(of: "snare") ?? "")")

let library = try ProfileLibrary.bundled()
if let kick = library.entry(named: "kick-acoustic-1") {
    print("\(library.entries.count) measured profiles; kick-acoustic-1 from \(kick.kit), \(kick.license)")
}

// The CSV form that `neurorack-run describe` writes, and reading it back.
let url = FileManager.default.temporaryDirectory.appendingPathComponent("snare-short.csv")
let short = snare.resampled(toFrameCount: 20)
try Data(ProfileTextFormats.csv(short).utf8).write(to: url)
let reread = try ProfileFile.read(url.path)
print("\(reread.name): \(reread.frames.count) frames, equal: \(reread.frames == short.frames)")
try FileManager.default.removeItem(at: url)
