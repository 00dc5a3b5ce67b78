import Foundation
import FuzzDriver
import NeuroCore
import NeuroTorch

/// The file each input is written to (libtorch loads TorchScript from a path).
func inputPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("neurorack-fuzz-\(getpid()).ts").path
}

/// libFuzzer input: any bytes as a TorchScript file. A file that does not load, or whose
/// conventions or methods are wrong, must be an error, never a crash: when it loads, it is
/// inspected as `models inspect` does (methods, `_params`, attributes, sample rate, timed calls)
/// and, when it has an nn~ `decode`, two latent frames are decoded.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    let path = inputPath()
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)),
          let module = try? TorchModule(path: path) else { return 0 }
    _ = try? TorchInspection(path: path, threadCount: 1, timedAudioSeconds: 0)
    if let model = try? TorchModel(module: module),
       let silence = try? TorchTensor(shape: [1, model.latentSize, 2], values: [Float](repeating: 0, count: 2 * model.latentSize)) {
        _ = try? module.call("decode", silence)
    }
    return 0
}

runFuzzer(fuzzOne)
