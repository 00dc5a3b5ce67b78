import NeuroCore

/// A client of a running JACK server (JACK 2, or PipeWire's JACK): opened without starting a
/// server, with the server's rate and buffer size, ports, connections and the port list.
///
/// The server is the one named, else the one JACK chooses (`$JACK_DEFAULT_SERVER`, else `default`).
public final class JACKClient: @unchecked Sendable {
    /// The library's functions.
    let library: JACKLibrary
    /// The client handle.
    let handle: OpaquePointer
    /// The name the server gave the client (JACK may append `-01` when the name is taken).
    public let name: String

    /// Opens a client named `name` on the running server `server` (`nil`: JACK's default).
    ///
    /// - Throws: `.unavailable` when libjack is missing or no server answers (saying how to start one).
    public init(name: String, server: String? = nil) throws(NeuroError) {
        let library = try JACKLibrary()
        self.library = library
        var status: UInt32 = 0
        let handle = name.withCString { client in
            guard let server else { return unsafe library.clientOpen(client, JACKLibrary.noStartServer, &status) }
            return server.withCString { serverName in
                unsafe library.clientOpenNamed(client, JACKLibrary.noStartServer | JACKLibrary.serverName, &status, serverName)
            }
        }
        guard let handle else {
            let which = server.map { "JACK server '\($0)'" } ?? "JACK server"
            throw NeuroError(
                .unavailable,
                "no \(which) answers (status 0x\(String(status, radix: 16))); start one (jackd -d alsa, or PipeWire with pipewire-jack), or use --backend alsa")
        }
        self.handle = handle
        self.name = name
    }

    deinit {
        _ = library.deactivate(handle)
        _ = library.clientClose(handle)
    }

    /// The server's sample rate in Hz.
    public var sampleRate: Int { Int(library.sampleRate(handle)) }

    /// The server's period (buffer size) in frames.
    public var bufferSize: Int { Int(library.bufferSize(handle)) }

    /// The names of the server's ports of `type` (``JACKLibrary/audioType`` or ``JACKLibrary/midiType``)
    /// with all of `flags`.
    func ports(type: String, flags: UInt) -> [String] {
        guard let list = type.withCString({ unsafe library.getPorts(handle, nil, $0, flags) }) else { return [] }
        var names: [String] = []
        var index = 0
        while let name = unsafe list[index] {
            names.append(unsafe String(cString: name))
            index += 1
        }
        unsafe library.free(UnsafeMutableRawPointer(list))
        return names
    }

    /// The physical playback ports (`system:playback_1`…), where outputs connect by default.
    public var playbackPorts: [String] {
        ports(type: JACKLibrary.audioType, flags: JACKLibrary.portIsInput | JACKLibrary.portIsPhysical)
    }

    /// The MIDI ports that send (hardware keyboards bridged by PipeWire or a2jmidid, sequencers).
    public var midiSources: [String] {
        ports(type: JACKLibrary.midiType, flags: JACKLibrary.portIsOutput)
    }

    /// Registers a port.
    ///
    /// - Throws: `.unavailable` naming the port when the server refuses it.
    func registerPort(_ shortName: String, type: String, flags: UInt) throws(NeuroError) -> OpaquePointer {
        let port = shortName.withCString { name in type.withCString { kind in unsafe library.portRegister(handle, name, kind, flags, 0) } }
        guard let port else { throw NeuroError(.unavailable, "JACK refused to register port \(self.name):\(shortName)") }
        return port
    }

    /// The full name (`client:port`) of `port`.
    func fullName(of port: OpaquePointer) -> String {
        library.portName(port).map { unsafe String(cString: $0) } ?? "?"
    }

    /// Connects `source` to `destination` (full port names).
    ///
    /// - Throws: `.missingInput` naming both ports and listing the ones that exist when it fails.
    func connect(_ source: String, to destination: String) throws(NeuroError) {
        let result = source.withCString { from in destination.withCString { to in unsafe library.connect(handle, from, to) } }
        // EEXIST: already connected.
        guard result == 0 || result == 17 else {
            let known = (ports(type: JACKLibrary.audioType, flags: 0) + ports(type: JACKLibrary.midiType, flags: 0)).joined(separator: ", ")
            throw NeuroError(.missingInput, "cannot connect JACK port \(source) to \(destination); ports: \(known)")
        }
    }

    /// The playback latency range of `port` in frames, as the server computes it after connections.
    func playbackLatency(of port: OpaquePointer) -> ClosedRange<Int> {
        var range: (UInt32, UInt32) = (0, 0)
        withUnsafeMutableBytes(of: &range) { bytes in
            unsafe library.portLatencyRange(port, JACKLibrary.playbackLatency, bytes.baseAddress!.assumingMemoryBound(to: UInt32.self))
        }
        return Int(range.0)...Int(max(range.0, range.1))
    }
}
