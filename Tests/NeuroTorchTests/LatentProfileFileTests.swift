import Foundation
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing

/// Latent profile JSON files (no libtorch needed).
@Suite struct LatentProfileFileTests {
    @Test func writtenProfilesReadBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let profile = try LatentProfile(name: "hit", dimension: 2, frameRate: 21.5, values: [1, -2, 0.5, 3, 0, 0.25])
        let url = directory.file("hit.json")
        try LatentProfileFile.write(profile, to: url)
        #expect(try LatentProfileFile.read(url.path) == profile)
    }

    @Test func malformedFilesNameTheFileAndTheProblem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ragged = directory.file("ragged.json")
        try Data(#"{"name":"x","dimension":2,"frame_rate":10,"frames":[[1,2],[3]]}"#.utf8).write(to: ragged)
        #expect(throws: NeuroError(.invalidData, "\(ragged.path): frame 1 has 1 values, \"dimension\" is 2")) {
            try LatentProfileFile.read(ragged.path)
        }
        let empty = directory.file("empty.json")
        try Data(#"{"name":"x","dimension":2,"frame_rate":10,"frames":[]}"#.utf8).write(to: empty)
        #expect(throws: NeuroError.self) { try LatentProfileFile.read(empty.path) }
        let text = directory.file("text.json")
        try Data("not json".utf8).write(to: text)
        #expect {
            try LatentProfileFile.read(text.path)
        } throws: { error in
            (error as? NeuroError)?.message.hasPrefix("\(text.path): not a latent profile") == true
        }
        #expect(throws: NeuroError.self) { try LatentProfileFile.read(directory.file("missing.json").path) }
    }
}
