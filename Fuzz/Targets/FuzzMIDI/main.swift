import FuzzDriver
import Foundation
import NeuroHardware

/// libFuzzer input: MIDI messages (first byte: length of each) through the standard mapping, and
/// the whole input as a mapping file's JSON.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let controllers = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
    controllers.initialize(repeating: 0, count: 128)
    defer { controllers.deallocate() }
    var start = 1
    let length = max(Int(bytes.first ?? 3) % 4, 1)
    while start < size {
        let message = UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + length, size)])
        if let parsed = MIDIMessage(bytes: message) {
            _ = MIDIMapping.standard.action(for: parsed, offset: start, previousValues: controllers)
        }
        start += length
    }
    if let mapping = try? JSONDecoder().decode(MIDIMapping.self, from: Data(bytes)) {
        _ = try? mapping.validate(name: "fuzz.json")
    }
    return 0
}

runFuzzer(fuzzOne)
