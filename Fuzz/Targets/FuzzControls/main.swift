import FuzzDriver
import Foundation
import NeuroCore
import NeuroProfiles

/// libFuzzer input: any text as a controls CSV, and any bytes as profile JSON.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ProfileFile.parseCSV(String(decoding: bytes, as: UTF8.self), path: "fuzz.csv")
    _ = try? JSONDecoder().decode(ImpactProfile.self, from: Data(bytes))
    _ = try? ProfileLibrary(json: Data(bytes), fileName: "fuzz.json")
    return 0
}

runFuzzer(fuzzOne)
