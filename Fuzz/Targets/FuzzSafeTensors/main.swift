import FuzzDriver
import Foundation
import NeuroNSF
import NeuroSafeTensors

/// libFuzzer input: the first byte splits the input into a safetensors file and an NSF config JSON.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let split = min(Int(first) * 8 + 1, bytes.count)
    if let file = try? SafeTensorsFile(data: Data(bytes[split...]), fileName: "fuzz.safetensors") {
        for name in file.names { _ = try? file.floats(name) }
    }
    if let config = try? JSONDecoder().decode(NSFConfig.self, from: Data(bytes[1..<split])) {
        _ = try? config.validate()
    }
    return 0
}

runFuzzer(fuzzOne)
