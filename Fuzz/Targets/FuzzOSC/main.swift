import FuzzDriver
import NeuroHardware

/// libFuzzer input: any bytes as an OSC packet, and every message found as a command.
let fuzzOne: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { data, size in
    guard let data else { return 0 }
    for message in OSCMessage.messages(in: Array(UnsafeBufferPointer(start: data, count: size))) ?? [] {
        _ = OSCCommand.of(message)
    }
    return 0
}

runFuzzer(fuzzOne)
