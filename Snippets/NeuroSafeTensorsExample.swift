// Write a small safetensors file, read it back, and see a validation error.
import Foundation
import NeuroCore
import NeuroSafeTensors

var writer = SafeTensorsWriter()
writer.metadata = ["format": "pt"]
writer.add("filter.weight", shape: [2, 3], floats: [0.5, -1, 2, 0.25, 0, 1])
writer.add("step", shape: [1], int64s: [6658])

let url = FileManager.default.temporaryDirectory.appendingPathComponent("neurorack-example.safetensors")
try writer.write(to: url)  // atomic: a temporary file, then rename(2)

let file = try SafeTensorsFile(contentsOf: url)
let weight = try file.entry("filter.weight")
print("\(file.names) metadata \(file.metadata)")
print("filter.weight: \(weight.dtype.rawValue) \(weight.shape), \(weight.elementCount) elements")
print("values \(try file.floats("filter.weight", shape: [2, 3])), step \(try file.int64s("step"))")

// Every accessor checks what it returns and names the file and the tensor when it fails.
do throws(NeuroError) {
    _ = try file.floats("filter.weight", shape: [3, 2])
} catch {
    print("\(error.kind): \(error.message)")
}
try FileManager.default.removeItem(at: url)
