import Foundation
import NeuroCore
import NeuroTestSupport
import Testing
@testable import NeuroProfiles

@Suite struct ControlsFileTests {
    private func message(_ text: String) -> String? {
        do {
            _ = try ProfileFile.parseCSV(text, path: "c.csv")
            return nil
        } catch {
            #expect(error.kind == .invalidData)
            return error.message
        }
    }

    /// Regression (hostile test): a 200 000-row file bypassed the 100 000-frame limit and parsed for seconds.
    /// Regression (hostile test): `sample_rate` and `hop` of a profile JSON were silently ignored.
    @Test func profileJSONAtAnotherRateOrHopIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("fast.json")
        try Data(#"{"sample_rate":44100,"hop":1024,"rms":[0.1],"zcr":[0.1],"rolloff":[1],"flatness":[0.1],"bandwidth":[1],"centroid":[1],"f0":[1]}"#.utf8).write(to: file)
        let error = #expect(throws: NeuroError.self) { try ProfileFile.read(file.path) }
        #expect(error?.message.contains("curves measured at 44100 Hz with hop 1024; the models take 22050 Hz, hop 512") == true)
    }

    @Test func controlFilesStopAtTheFrameLimit() {
        let row = "0.1,0.1,1000,0.1,800,900,100\n"
        let text = "rms,zcr,rolloff,flatness,bandwidth,centroid,f0\n" + String(repeating: row, count: ProfileFile.maxFrames + 5)
        #expect(throws: NeuroError(.invalidData, "big.csv line 100002: more than 100000 frames, the limit of a controls file")) {
            try ProfileFile.parseCSV(text, path: "big.csv")
        }
    }

    @Test func readsAnyColumnOrderCommentsAndCRLF() throws {
        let text = "# made by hand\r\nf0,rms,zcr,rolloff,flatness,bandwidth,centroid\r\n\r\n110, 0.5,0.1,2000,0.01,800,900\r\n"
        let frames = try ProfileFile.parseCSV(text, path: "c.csv")
        #expect(frames == [ControlFrame(rms: 0.5, zcr: 0.1, rolloff: 2_000, flatness: 0.01, bandwidth: 800, centroid: 900, f0: 110)])
    }

    @Test func readsWhatDescribeWrites() throws {
        let profile = try ImpactProfile.named("wood").resampled(toFrameCount: 5)
        #expect(try ProfileFile.parseCSV(ProfileTextFormats.csv(profile), path: "d.csv") == profile.frames)
    }

    @Test func namesLineAndColumnOfEveryProblem() {
        let header = "rms,zcr,rolloff,flatness,bandwidth,centroid,f0\n"
        #expect(message("") == "c.csv: empty, expected the header line rms,zcr,rolloff,flatness,bandwidth,centroid,f0")
        #expect(message(header) == "c.csv: no frames after the header")
        #expect(message("rms,zcr\n")?.contains("missing column 'rolloff'") == true)
        #expect(message("rms,zcr,rolloff,flatness,bandwidth,centroid,f0,gain\n")?.contains("unknown column 'gain'") == true)
        #expect(message("rms,rms,rolloff,flatness,bandwidth,centroid,f0\n")?.contains("column 'rms' appears twice") == true)
        #expect(message(header + "1,2,3\n") == "c.csv line 2: expected 7 values, found 3")
        #expect(message(header + "1,2,3,4,5,6,\n") == "c.csv line 2, column 'f0': '' is not a number")
        #expect(message(header + "1,2,3,4,5,6,inf\n") == "c.csv line 2, column 'f0': 'inf' is not a finite number")
    }

    @Test func readsProfileJSONAndRejectsBrokenJSON() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let json = directory.file("metal-copy.json")
        let profile = try ImpactProfile.named("metal").resampled(toFrameCount: 4)
        try JSONEncoder().encode(profile).write(to: json)
        #expect(try ProfileFile.read(json.path).frames == profile.frames)
        let broken = directory.file("broken.json")
        try Data("{\"rms\": [1]".utf8).write(to: broken)
        let error = #expect(throws: NeuroError.self) { try ProfileFile.read(broken.path) }
        #expect(error?.kind == .invalidData)
    }
}
