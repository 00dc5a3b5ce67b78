#if canImport(Glibc)
import Glibc
#endif
import NeuroCore
import Synchronization

/// Receives OSC over UDP on its own thread and hands every command to a handler; malformed
/// packets and unknown messages are counted and dropped, never fatal, never blocking.
///
/// Bound to 127.0.0.1 unless told otherwise: OSC has no authentication, so listening on other
/// interfaces is the user's explicit choice.
public final class OSCServer: @unchecked Sendable {
    /// The port it listens on (the one asked for, or the one the system chose for port 0).
    public let port: Int
    /// The address it is bound to.
    public let host: String
    private let socket: Int32
    private let worker = WorkerThread(name: "neuro-osc")
    private let received = Atomic<Int>(0)
    private let malformed = Atomic<Int>(0)
    private let rejected = Atomic<Int>(0)

    /// Opens a UDP socket on `host:port`.
    ///
    /// - Throws: `.usage` for a host that is not an IPv4 address, `.unavailable` naming the
    ///   address when the port is taken or cannot be bound.
    public init(host: String = "127.0.0.1", port: Int) throws(NeuroError) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
        guard (0...65_535).contains(port), inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw NeuroError(.usage, "OSC: '\(host):\(port)' is not an IPv4 address and port (e.g. 127.0.0.1:9000)")
        }
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw NeuroError(.unavailable, "OSC: cannot open a UDP socket (\(String(cString: strerror(errno))))") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw NeuroError(.unavailable, "OSC: cannot listen on \(host):\(port) (\(reason))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socket = descriptor
        self.host = host
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    deinit {
        worker.stop()
        close(socket)
    }

    /// Packets received, packets that were not OSC, and messages that were not commands.
    public var counts: (received: Int, malformed: Int, rejected: Int) {
        (received.load(ordering: .relaxed), malformed.load(ordering: .relaxed), rejected.load(ordering: .relaxed))
    }

    /// Starts the receiving thread; every command goes to `handler` on that thread.
    public func start(_ handler: @escaping @Sendable (OSCCommand) -> Void) {
        worker.start { [self] worker in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while !worker.isStopRequested {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { continue }
                received.add(1, ordering: .relaxed)
                guard let messages = OSCMessage.messages(in: Array(buffer[0..<count])) else {
                    malformed.add(1, ordering: .relaxed)
                    continue
                }
                for message in messages {
                    switch OSCCommand.of(message) {
                    case .success(let command): handler(command)
                    case .failure: rejected.add(1, ordering: .relaxed)
                    }
                }
            }
        }
    }

    /// Stops the receiving thread (within 0.1 s). Idempotent.
    public func stop() { worker.stop() }
}
