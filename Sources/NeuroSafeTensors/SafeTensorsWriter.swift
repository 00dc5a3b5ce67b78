import Foundation
import NeuroCore
import NeuroFiles

/// Builds a safetensors file from tensors and writes it atomically (used by tools and tests).
///
/// Tensors are laid out in the order they were added; the header is padded with spaces to a
/// multiple of 8 bytes so the data area is aligned.
public struct SafeTensorsWriter: Sendable {
    private struct Tensor: Sendable {
        var name: String
        var dtype: SafeTensorsDType
        var shape: [Int]
        var bytes: [UInt8]
    }

    private var tensors: [Tensor] = []
    /// The `__metadata__` strings to write (omitted when empty).
    public var metadata: [String: String] = [:]

    /// Creates an empty writer.
    public init() {}

    /// Adds a float32 tensor; `values.count` must equal the product of `shape`.
    public mutating func add(_ name: String, shape: [Int], floats values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "tensor \(name): \(values.count) values for shape \(shape)")
        add(name, dtype: .float32, shape: shape, rawBytes: values.flatMap { littleEndianBytes($0.bitPattern) })
    }

    /// Adds an int64 tensor; `values.count` must equal the product of `shape`.
    public mutating func add(_ name: String, shape: [Int], int64s values: [Int64]) {
        precondition(values.count == shape.reduce(1, *), "tensor \(name): \(values.count) values for shape \(shape)")
        add(name, dtype: .int64, shape: shape, rawBytes: values.flatMap { littleEndianBytes(UInt64(bitPattern: $0)) })
    }

    /// Adds a tensor from its little-endian bytes, unchecked (tests use it to build malformed files).
    public mutating func add(_ name: String, dtype: SafeTensorsDType, shape: [Int], rawBytes: [UInt8]) {
        tensors.append(Tensor(name: name, dtype: dtype, shape: shape, bytes: rawBytes))
    }

    /// The complete file contents.
    public func encoded() -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        for tensor in tensors {
            header[tensor.name] = [
                "dtype": tensor.dtype.rawValue, "shape": tensor.shape, "data_offsets": [offset, offset + tensor.bytes.count],
            ] as [String: Any]
            offset += tensor.bytes.count
        }
        if !metadata.isEmpty {
            header[SafeTensorsHeader.metadataKey] = metadata
        }
        // Keys are strings and values are strings, integers and arrays, so serialisation cannot fail.
        var json = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8)
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var file = Data(littleEndianBytes(UInt64(json.count)))
        file.append(json)
        for tensor in tensors {
            file.append(contentsOf: tensor.bytes)
        }
        return file
    }

    /// Writes the file to `url` atomically through `AtomicFile` (temporary file, then rename).
    public func write(to url: URL) throws(NeuroError) {
        try AtomicFile.write(Array(encoded()), to: url)
    }

    private func littleEndianBytes<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
