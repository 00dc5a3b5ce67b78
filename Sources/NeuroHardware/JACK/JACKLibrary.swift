import NeuroCore

/// The functions of `libjack.so.0` the host uses, loaded with `dlopen` (JACK 2 and PipeWire's
/// JACK both provide them). Handles are opaque pointers; constants are from `<jack/types.h>`.
struct JACKLibrary: @unchecked Sendable {
    /// `jack_client_open` (variadic in C; called with no variadic arguments, which the Linux ABIs allow).
    typealias ClientOpen = @convention(c) (UnsafePointer<CChar>, UInt32, UnsafeMutablePointer<UInt32>?) -> OpaquePointer?
    /// `jack_client_open` with `JackServerName` and the server's name as its variadic argument.
    typealias ClientOpenNamed = @convention(c) (UnsafePointer<CChar>, UInt32, UnsafeMutablePointer<UInt32>?, UnsafePointer<CChar>) -> OpaquePointer?
    typealias ClientFunction = @convention(c) (OpaquePointer?) -> Int32
    typealias FramesOfClient = @convention(c) (OpaquePointer?) -> UInt32
    typealias PortRegister = @convention(c) (OpaquePointer?, UnsafePointer<CChar>, UnsafePointer<CChar>, UInt, UInt) -> OpaquePointer?
    typealias PortBuffer = @convention(c) (OpaquePointer?, UInt32) -> UnsafeMutableRawPointer?
    typealias PortName = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    typealias GetPorts = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UInt) -> UnsafeMutablePointer<UnsafePointer<CChar>?>?
    typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias Connect = @convention(c) (OpaquePointer?, UnsafePointer<CChar>, UnsafePointer<CChar>) -> Int32
    typealias FramesCallback = @convention(c) (UInt32, UnsafeMutableRawPointer?) -> Int32
    typealias PlainCallback = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    typealias ShutdownCallback = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias SetFramesCallback = @convention(c) (OpaquePointer?, FramesCallback?, UnsafeMutableRawPointer?) -> Int32
    typealias SetPlainCallback = @convention(c) (OpaquePointer?, PlainCallback?, UnsafeMutableRawPointer?) -> Int32
    typealias OnShutdown = @convention(c) (OpaquePointer?, ShutdownCallback?, UnsafeMutableRawPointer?) -> Void
    typealias MIDIEventCount = @convention(c) (UnsafeMutableRawPointer?) -> UInt32
    typealias MIDIEventGet = @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer?, UInt32) -> Int32
    typealias MIDIClear = @convention(c) (UnsafeMutableRawPointer?) -> Void
    typealias MIDIEventWrite = @convention(c) (UnsafeMutableRawPointer?, UInt32, UnsafePointer<UInt8>, Int) -> Int32
    typealias LatencyRange = @convention(c) (OpaquePointer?, UInt32, UnsafeMutablePointer<UInt32>) -> Void
    typealias MessageFunction = @convention(c) (UnsafePointer<CChar>?) -> Void
    typealias SetMessageFunction = @convention(c) (MessageFunction?) -> Void

    /// `JackNoStartServer`: never start a server as a side effect.
    static let noStartServer: UInt32 = 0x01
    /// `JackServerName`: the server's name follows as a variadic argument.
    static let serverName: UInt32 = 0x04
    /// `JackPortIsInput`.
    static let portIsInput: UInt = 0x1
    /// `JackPortIsOutput`.
    static let portIsOutput: UInt = 0x2
    /// `JackPortIsPhysical`.
    static let portIsPhysical: UInt = 0x4
    /// `JackPlaybackLatency`.
    static let playbackLatency: UInt32 = 1
    /// `JACK_DEFAULT_AUDIO_TYPE`.
    static let audioType = "32 bit float mono audio"
    /// `JACK_DEFAULT_MIDI_TYPE`.
    static let midiType = "8 bit raw midi"

    let clientOpen: ClientOpen
    let clientOpenNamed: ClientOpenNamed
    let clientClose: ClientFunction
    let activate: ClientFunction
    let deactivate: ClientFunction
    let sampleRate: FramesOfClient
    let bufferSize: FramesOfClient
    let lastFrameTime: FramesOfClient
    let portRegister: PortRegister
    let portBuffer: PortBuffer
    let portName: PortName
    let getPorts: GetPorts
    let free: Free
    let connect: Connect
    let setProcessCallback: SetFramesCallback
    let setBufferSizeCallback: SetFramesCallback
    let setSampleRateCallback: SetFramesCallback
    let setXrunCallback: SetPlainCallback
    let onShutdown: OnShutdown
    let midiEventCount: MIDIEventCount
    let midiEventGet: MIDIEventGet
    let midiClearBuffer: MIDIClear
    let midiEventWrite: MIDIEventWrite
    let portLatencyRange: LatencyRange

    /// Loads the library and every function.
    ///
    /// - Throws: `.unavailable` saying what to install when `libjack.so.0` is missing.
    init() throws(NeuroError) {
        let library = try DynamicLibrary(
            ["libjack.so.0"], installHint: "install JACK (apt-get install jackd2) or PipeWire's JACK (apt-get install pipewire-jack)")
        clientOpen = try library.function("jack_client_open", as: ClientOpen.self)
        clientOpenNamed = try library.function("jack_client_open", as: ClientOpenNamed.self)
        clientClose = try library.function("jack_client_close", as: ClientFunction.self)
        activate = try library.function("jack_activate", as: ClientFunction.self)
        deactivate = try library.function("jack_deactivate", as: ClientFunction.self)
        sampleRate = try library.function("jack_get_sample_rate", as: FramesOfClient.self)
        bufferSize = try library.function("jack_get_buffer_size", as: FramesOfClient.self)
        lastFrameTime = try library.function("jack_last_frame_time", as: FramesOfClient.self)
        portRegister = try library.function("jack_port_register", as: PortRegister.self)
        portBuffer = try library.function("jack_port_get_buffer", as: PortBuffer.self)
        portName = try library.function("jack_port_name", as: PortName.self)
        getPorts = try library.function("jack_get_ports", as: GetPorts.self)
        free = try library.function("jack_free", as: Free.self)
        connect = try library.function("jack_connect", as: Connect.self)
        setProcessCallback = try library.function("jack_set_process_callback", as: SetFramesCallback.self)
        setBufferSizeCallback = try library.function("jack_set_buffer_size_callback", as: SetFramesCallback.self)
        setSampleRateCallback = try library.function("jack_set_sample_rate_callback", as: SetFramesCallback.self)
        setXrunCallback = try library.function("jack_set_xrun_callback", as: SetPlainCallback.self)
        onShutdown = try library.function("jack_on_shutdown", as: OnShutdown.self)
        midiEventCount = try library.function("jack_midi_get_event_count", as: MIDIEventCount.self)
        midiEventGet = try library.function("jack_midi_event_get", as: MIDIEventGet.self)
        midiClearBuffer = try library.function("jack_midi_clear_buffer", as: MIDIClear.self)
        midiEventWrite = try library.function("jack_midi_event_write", as: MIDIEventWrite.self)
        portLatencyRange = try library.function("jack_port_get_latency_range", as: LatencyRange.self)
        let quiet: MessageFunction = { _ in }
        try library.function("jack_set_error_function", as: SetMessageFunction.self)(quiet)
        try library.function("jack_set_info_function", as: SetMessageFunction.self)(quiet)
    }
}
