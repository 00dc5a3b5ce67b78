/// One Open Sound Control message: an address and its arguments (OSC 1.0, the `i`, `f`, `s`,
/// `T`, `F` types), parsed from a UDP packet without trusting any length in it.
public struct OSCMessage: Sendable, Equatable {
    /// One argument.
    public enum Argument: Sendable, Equatable {
        /// A 32-bit integer (`i`).
        case int(Int32)
        /// A 32-bit float (`f`).
        case float(Float)
        /// A string (`s`).
        case string(String)
        /// True or false (`T`, `F`).
        case bool(Bool)

        /// The argument as a number, if it is one (integers and booleans convert).
        public var number: Float? {
            switch self {
            case .int(let value): Float(value)
            case .float(let value): value
            case .bool(let value): value ? 1 : 0
            case .string: nil
            }
        }
    }

    /// The address pattern (`/neurorack/play`).
    public var address: String
    /// The arguments in order.
    public var arguments: [Argument]

    /// Creates a message.
    public init(address: String, arguments: [Argument] = []) {
        self.address = address
        self.arguments = arguments
    }

    /// The messages in `packet`: one message, or every message of a bundle (nested bundles
    /// included, time tags ignored: everything applies on arrival). `nil` when the packet is
    /// malformed anywhere (a string without its terminator, a length past the end, an unknown type).
    public static func messages(in packet: [UInt8]) -> [OSCMessage]? {
        var reader = OSCReader(bytes: packet[...])
        return reader.packet(depth: 0)
    }

    /// The packet bytes of this message (for clients and tests).
    public var encoded: [UInt8] {
        var bytes = OSCReader.padded(Array(address.utf8))
        bytes += OSCReader.padded(Array(("," + arguments.map(\.tag).joined()).utf8))
        for argument in arguments {
            switch argument {
            case .int(let value): bytes += withUnsafeBytes(of: value.bigEndian, Array.init)
            case .float(let value): bytes += withUnsafeBytes(of: value.bitPattern.bigEndian, Array.init)
            case .string(let value): bytes += OSCReader.padded(Array(value.utf8))
            case .bool: break
            }
        }
        return bytes
    }
}

extension OSCMessage.Argument {
    /// The type tag character.
    var tag: String {
        switch self {
        case .int: "i"
        case .float: "f"
        case .string: "s"
        case .bool(let value): value ? "T" : "F"
        }
    }
}

/// Reads OSC's 4-byte aligned fields from a packet, failing on anything out of bounds.
struct OSCReader {
    var bytes: ArraySlice<UInt8>

    /// `text` with its terminating zero, padded with zeros to a multiple of 4 bytes.
    static func padded(_ text: [UInt8]) -> [UInt8] {
        text + [UInt8](repeating: 0, count: 4 - text.count % 4)
    }

    mutating func packet(depth: Int) -> [OSCMessage]? {
        guard depth < 8, let first = bytes.first else { return nil }
        if first == UInt8(ascii: "#") {
            guard string() == "#bundle", take(8) != nil else { return nil }
            var messages: [OSCMessage] = []
            while !bytes.isEmpty {
                guard let size = int32(), size >= 0, size % 4 == 0, let element = take(Int(size)) else { return nil }
                var inner = OSCReader(bytes: element)
                guard let contained = inner.packet(depth: depth + 1) else { return nil }
                messages += contained
            }
            return messages
        }
        guard first == UInt8(ascii: "/"), let address = string() else { return nil }
        guard !bytes.isEmpty else { return [OSCMessage(address: address)] }
        guard let tags = string(), tags.first == "," else { return nil }
        var arguments: [OSCMessage.Argument] = []
        for tag in tags.dropFirst() {
            switch tag {
            case "i": guard let value = int32() else { return nil }; arguments.append(.int(value))
            case "f": guard let value = int32() else { return nil }; arguments.append(.float(Float(bitPattern: UInt32(bitPattern: value))))
            case "s": guard let value = string() else { return nil }; arguments.append(.string(value))
            case "T": arguments.append(.bool(true))
            case "F": arguments.append(.bool(false))
            default: return nil
            }
        }
        return bytes.isEmpty ? [OSCMessage(address: address, arguments: arguments)] : nil
    }

    private mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= bytes.count else { return nil }
        let taken = bytes.prefix(count)
        bytes = bytes.dropFirst(count)
        return taken
    }

    private mutating func int32() -> Int32? {
        guard let field = take(4) else { return nil }
        return field.reduce(0) { $0 << 8 | Int32(bitPattern: UInt32($1)) }
    }

    private mutating func string() -> String? {
        guard let end = bytes.firstIndex(of: 0) else { return nil }
        let length = end - bytes.startIndex
        guard let field = take((length / 4 + 1) * 4) else { return nil }
        return String(decoding: field.prefix(length), as: UTF8.self)
    }
}
