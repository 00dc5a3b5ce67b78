import FuzzDriver
import NeuroAudio

/// libFuzzer input: any bytes as a WAV file; a malformed one must be an error, never a crash.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    _ = try? WAVReader.decode(Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz.wav")
    return 0
}

runFuzzer(fuzzOne)
