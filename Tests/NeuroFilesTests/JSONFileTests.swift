import Foundation
import Testing
import NeuroCore
import NeuroFiles

/// Regression (issue 13, defect 8): valid JSON with a non-integer where an integer belongs said
/// "The given data was not valid JSON", naming no field.
@Suite struct JSONFileTests {
    private struct Settings: Decodable {
        struct Inner: Decodable {
            var counts: [Int]
            var gain: Double
        }
        var rate: Int
        var name: String
        var inner: Inner?
    }

    private func message(_ json: String) -> String? {
        do {
            _ = try JSONFile.decode(Settings.self, from: Data(json.utf8), name: "s.json")
            return nil
        } catch {
            #expect(error.kind == .invalidData)
            return error.message
        }
    }

    @Test func decodesValidInput() throws {
        let json = #"{"rate": 22050, "name": "a", "inner": {"counts": [1, 2], "gain": 0.5}}"#
        let settings = try JSONFile.decode(Settings.self, from: Data(json.utf8), name: "s.json")
        #expect(settings.rate == 22050 && settings.inner?.counts == [1, 2] && settings.inner?.gain == 0.5)
    }

    @Test func aFractionOrAHugeNumberWhereAnIntegerBelongsIsNamed() {
        #expect(message(#"{"rate": 22050.5, "name": "a"}"#) == "s.json: rate: expected an integer, got 22050.5")
        #expect(message(#"{"rate": 1e20, "name": "a"}"#) == "s.json: rate: expected an integer, got 1e+20")
        let nested = #"{"rate": 1, "name": "a", "inner": {"counts": [1, 2.5], "gain": 0.25}}"#
        #expect(message(nested) == "s.json: inner.counts[1]: expected an integer, got 2.5")
    }

    @Test func otherMistakesNameTheFieldOrSayTheJSONIsBroken() {
        #expect(message(#"{"name": "a"}"#) == "s.json: missing key rate")
        #expect(message(#"{"rate": "fast", "name": "a"}"#)?.hasPrefix("s.json: rate: ") == true)
        #expect(message(#"{"rate": 1, "name": "a", "inner": {"counts": [1, "x"], "gain": 1}}"#)?.hasPrefix("s.json: inner.counts[1]: ") == true)
        #expect(message(#"{"rate": 1,"#)?.hasPrefix("s.json: not valid JSON") == true)
    }
}
