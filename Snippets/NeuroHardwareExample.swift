// Map MIDI bytes to engine events the way `play` does, and show which audio outputs this machine offers.
import Foundation
import NeuroCore
import NeuroHardware

// A note-on two semitones above the root, the modulation wheel at the top, the sustain pedal pressed.
let messages: [[UInt8]] = [[0x90, 62, 100], [0xB0, 1, 127], [0xB0, 64, 127]]
let controllerValues = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
controllerValues.initialize(repeating: 0, count: 128)
for bytes in messages {
    guard let message = bytes.withUnsafeBytes({ MIDIMessage(bytes: $0) }) else { continue }
    let action = MIDIMapping.standard.action(for: message, offset: 17, previousValues: controllerValues)
    print(message, "→", action)
}
controllerValues.deallocate()

// JACK and ALSA are loaded at run time: a machine without them gets a one-line reason.
do {
    let client = try JACKClient(name: "neurorack-example")
    print("JACK server at \(client.sampleRate) Hz, period \(client.bufferSize), playback ports \(client.playbackPorts)")
} catch {
    print("JACK: \(error.message)")
}
do {
    print("ALSA playback devices:", try ALSAPCMSink.deviceList())
} catch {
    print("ALSA: \(error.message)")
}
