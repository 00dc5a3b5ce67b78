import FuzzDriver
import Foundation
import NeuroModule

/// libFuzzer input: the module's text and JSON inputs — the whole input as a simulation script
/// and as a calibration file's JSON.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    let bytes = Data(UnsafeRawBufferPointer(start: data, count: size))
    if let text = String(data: bytes, encoding: .utf8), let script = try? SimulationScript(parsing: text, name: "fuzz.txt") {
        precondition(zip(script.events, script.events.dropFirst()).allSatisfy { $0.time <= $1.time }, "events out of order")
    }
    if let calibration = try? JSONDecoder().decode(InputCalibration.self, from: bytes) {
        _ = try? calibration.validate(name: "fuzz.json")
    }
    return 0
}

runFuzzer(fuzzOne)
