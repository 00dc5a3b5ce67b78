import Foundation
import NeuroCore
import NeuroFiles

/// A safetensors file read into memory and validated: names, shapes, element types and metadata.
///
/// Reading checks the whole header before any tensor is used: the header length fits the file,
/// the header is a JSON object, every dtype is supported (F32, F16, BF16, I64), every shape's
/// byte size equals its `data_offsets` span, every range lies inside the data area and no two
/// ranges overlap. Errors are `NeuroError`s naming the file, the tensor and the problem.
public struct SafeTensorsFile: Sendable {
    /// The file name used in error messages.
    public let fileName: String
    /// Every tensor's description, by name.
    public let entries: [String: SafeTensorsEntry]
    /// The `__metadata__` strings (empty when absent).
    public let metadata: [String: String]
    private let bytes: Data
    private let dataStart: Int

    /// Reads and validates the file at `url` (one read).
    public init(contentsOf url: URL) throws(NeuroError) {
        try self.init(data: InputFile.contents(of: url), fileName: url.lastPathComponent)
    }

    /// Validates the in-memory file `data`; `fileName` names it in error messages.
    public init(data: Data, fileName: String) throws(NeuroError) {
        let parsed = try data.withUnsafeBytes { raw in
            Result { () throws(NeuroError) in try SafeTensorsHeader.parse(raw, fileName: fileName) }
        }.get()
        self.fileName = fileName
        self.entries = parsed.entries
        self.metadata = parsed.metadata
        self.bytes = data
        self.dataStart = parsed.dataStart
    }

    /// The tensor names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The description of `name`, or an `.invalidData` error naming the file and the tensor.
    public func entry(_ name: String) throws(NeuroError) -> SafeTensorsEntry {
        guard let entry = entries[name] else {
            throw NeuroError(.invalidData, "\(fileName): tensor \"\(name)\" is missing")
        }
        return entry
    }

    /// The elements of the floating-point tensor `name` (F32, F16 or BF16), widened to `Float`, row-major.
    public func floats(_ name: String) throws(NeuroError) -> [Float] {
        let entry = try entry(name)
        switch entry.dtype {
        case .float32:
            return elements(of: entry) { raw, index in
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        case .float16:
            return elements(of: entry) { raw, index in
                SafeTensorsDType.floatFromHalfBits(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
            }
        case .bfloat16:
            return elements(of: entry) { raw, index in
                SafeTensorsDType.floatFromBFloat16Bits(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)))
            }
        case .int64:
            throw NeuroError(.invalidData, "\(fileName): tensor \"\(name)\" is I64, expected a floating-point dtype")
        }
    }

    /// The elements of the I64 tensor `name`, row-major.
    public func int64s(_ name: String) throws(NeuroError) -> [Int64] {
        let entry = try entry(name)
        guard entry.dtype == .int64 else {
            throw NeuroError(.invalidData, "\(fileName): tensor \"\(name)\" is \(entry.dtype.rawValue), expected I64")
        }
        return elements(of: entry) { raw, index in
            Int64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: Int64.self))
        }
    }

    /// The floating-point tensor `name`, checked to have exactly `shape` and only finite values.
    public func floats(_ name: String, shape: [Int]) throws(NeuroError) -> [Float] {
        let entry = try entry(name)
        guard entry.shape == shape else {
            throw NeuroError(.invalidData, "\(fileName): tensor \"\(name)\" has shape \(entry.shape), expected \(shape)")
        }
        let values = try floats(name)
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw NeuroError(.invalidData, "\(fileName): tensor \"\(name)\" contains \(values[index]) at flat index \(index)")
        }
        return values
    }

    private func elements<Element>(
        of entry: SafeTensorsEntry, _ load: (UnsafeRawBufferPointer, Int) -> Element
    ) -> [Element] {
        let start = dataStart + entry.byteRange.lowerBound
        let end = dataStart + entry.byteRange.upperBound
        return bytes.withUnsafeBytes { file in
            let raw = UnsafeRawBufferPointer(rebasing: file[start..<end])
            return [Element](unsafeUninitializedCapacity: entry.elementCount) { buffer, initializedCount in
                for index in 0..<entry.elementCount {
                    buffer.initializeElement(at: index, to: load(raw, index))
                }
                initializedCount = entry.elementCount
            }
        }
    }
}
