import CTorchShim
import Foundation
import NeuroCore

/// A TorchScript module loaded through libtorch (the `CTorchShim` C API).
///
/// Every libtorch failure (a bad or truncated file, an unsupported version, wrong shapes, a
/// `raise` inside a method) comes back as a ``NeuroError`` carrying torch's own message; nothing
/// from torch aborts the process. Without the package trait `Torch` every load fails with
/// `.unavailable` and a message saying to rebuild with `--traits Torch`.
///
/// - Important: One thread at a time: the module and its last output are not shared.
public final class TorchModule: @unchecked Sendable {
    private let handle: OpaquePointer
    /// The file the module was loaded from, as given.
    public let path: String
    /// The module's methods (exported methods and `forward`), as TorchScript lists them.
    public let methodNames: [String]

    /// Whether this build can load TorchScript (built with the `Torch` trait).
    public static var isAvailable: Bool { ctorch_available() != 0 }

    /// The reason TorchScript is unavailable in this build, for test skips and errors.
    public static let unavailableReason = "built without the Torch trait (swift build --traits Torch, with Debian's libtorch-dev)"

    /// Loads the TorchScript file at `path` on the CPU, in eval mode.
    ///
    /// - Throws: `.missingInput` when the file does not exist, `.unavailable` without the trait,
    ///   `.invalidData` with torch's message when libtorch cannot load it.
    public init(path: String) throws(NeuroError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw NeuroError(.missingInput, "\(path): no such TorchScript file")
        }
        guard Self.isAvailable else {
            throw NeuroError(.unavailable, "\(path): TorchScript models need a build with the Torch trait: swift build --traits Torch (Debian: apt-get install libtorch-dev)")
        }
        var loaded: OpaquePointer?
        let message = TorchErrorBuffer.run { buffer, count in
            loaded = unsafe ctorch_load(path, buffer, count)
            return loaded != nil
        }
        guard let loaded else {
            throw NeuroError(.invalidData, "\(path): not a loadable TorchScript file: \(message ?? "unknown error")")
        }
        handle = loaded
        self.path = path
        methodNames = (0..<ctorch_method_count(loaded)).map { unsafe String(cString: ctorch_method_name(loaded, $0)) }
    }

    deinit {
        ctorch_free(handle)
    }

    /// Whether the module has an attribute or buffer called `name`.
    public func hasAttribute(_ name: String) -> Bool { ctorch_has_attribute(handle, name) != 0 }

    /// The integer values of attribute `name` (an int, a list of ints or an integer tensor).
    ///
    /// - Throws: `.invalidData` with torch's message when it is missing or of another type.
    public func integers(of name: String) throws(NeuroError) -> [Int64] {
        var values = [Int64](repeating: 0, count: 16)
        while true {
            var count: Int64 = -1
            let capacity = values.count
            let message = TorchErrorBuffer.run { buffer, length in
                count = unsafe values.withUnsafeMutableBufferPointer {
                    unsafe ctorch_int_attribute(handle, name, $0.baseAddress, capacity, buffer, length)
                }
                return count >= 0
            }
            guard count >= 0 else { throw failure("attribute '\(name)'", message) }
            guard count > Int64(capacity) else { return Array(values.prefix(Int(count))) }
            values = [Int64](repeating: 0, count: Int(count))
        }
    }

    /// Calls method `name` without arguments and returns its result as text lines: the items of
    /// a list of strings, or the printed value.
    ///
    /// - Throws: `.modelFailure` with torch's message when the call fails.
    public func textLines(calling name: String) throws(NeuroError) -> [String] {
        var text = [CChar](repeating: 0, count: 4096)
        var length: Int64 = -1
        for _ in 0..<2 {
            let capacity = text.count
            let message = TorchErrorBuffer.run { buffer, count in
                length = unsafe text.withUnsafeMutableBufferPointer { unsafe ctorch_call_text(handle, name, $0.baseAddress, capacity, buffer, count) }
                return length >= 0
            }
            guard length >= 0 else { throw failure("method '\(name)'", message) }
            guard length >= Int64(capacity) else { break }
            text = [CChar](repeating: 0, count: Int(length) + 1)
        }
        let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.isEmpty }
    }

    /// Calls method `name` on `input` and returns its output, padded to rank 3 on the left.
    ///
    /// - Throws: `.modelFailure` with torch's message (a wrong shape, a `raise` in the method, an
    ///   unknown method, a result that is not a tensor), or when the output holds NaN or infinity.
    public func call(_ name: String, _ input: TorchTensor) throws(NeuroError) -> TorchTensor {
        var shape = [Int64](repeating: 0, count: 3)
        var result: [Float]?
        let message = TorchErrorBuffer.run { buffer, count in
            let data = unsafe input.values.withUnsafeBufferPointer { values in
                unsafe shape.withUnsafeMutableBufferPointer { out in
                    unsafe ctorch_call(
                        handle, name, values.baseAddress, Int64(input.shape[0]), Int64(input.shape[1]), Int64(input.shape[2]),
                        out.baseAddress, buffer, count)
                }
            }
            guard let data = unsafe data else { return false }
            result = unsafe Array(UnsafeBufferPointer(start: data, count: Int(shape[0] * shape[1] * shape[2])))
            return true
        }
        guard let result else { throw failure("\(name) of a \(input.shape) tensor", message) }
        if let index = result.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.modelFailure, "\(path): \(name) produced NaN or infinity at value \(index)")
        }
        do {
            return try TorchTensor(shape: shape.map(Int.init), values: result)
        } catch {
            throw NeuroError(.modelFailure, "\(path): \(name) returned an empty tensor \(shape)")
        }
    }

    /// Restores every buffer (the state of cached convolutions) to its value at load.
    ///
    /// - Throws: `.modelFailure` with torch's message.
    public func resetBuffers() throws(NeuroError) {
        let message = TorchErrorBuffer.run { buffer, count in unsafe ctorch_reset_buffers(handle, buffer, count) == 0 }
        if let message { throw failure("resetting buffers", message) }
    }

    /// The number of buffers whose value has changed since load: the streaming state a call left.
    ///
    /// - Throws: `.modelFailure` with torch's message.
    public func changedBufferCount() throws(NeuroError) -> Int {
        var changed: Int32 = -1
        let message = TorchErrorBuffer.run { buffer, count in
            changed = unsafe ctorch_changed_buffer_count(handle, buffer, count)
            return changed >= 0
        }
        guard changed >= 0 else { throw failure("comparing buffers", message) }
        return Int(changed)
    }

    /// Seeds torch's default random generator, as `torch.manual_seed(seed)` does.
    public static func seed(_ seed: UInt64) { ctorch_manual_seed(seed) }

    /// Sets the number of threads libtorch computes one call with (process-wide).
    public static func setThreadCount(_ count: Int) { ctorch_set_thread_count(Int32(max(count, 1))) }

    private func failure(_ what: String, _ message: String?) -> NeuroError {
        NeuroError(.modelFailure, "\(path): \(what) failed: \(message ?? "unknown error")")
    }
}

/// The error buffer of one shim call.
enum TorchErrorBuffer {
    /// Runs `body` with a zeroed error buffer and returns the message the shim wrote, or `nil`
    /// when `body` reports success.
    static func run(_ body: (UnsafeMutablePointer<CChar>, Int) -> Bool) -> String? {
        var buffer = [CChar](repeating: 0, count: 2048)
        let count = buffer.count
        let succeeded = unsafe buffer.withUnsafeMutableBufferPointer { unsafe body($0.baseAddress!, count) }
        guard !succeeded else { return nil }
        let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
