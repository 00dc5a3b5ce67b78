import Foundation
import NeuroCore

/// Parses and validates the JSON header of a safetensors file.
///
/// Layout: an 8-byte little-endian header length `n`, `n` bytes of UTF-8 JSON, then the data
/// area. The JSON maps tensor names to `{"dtype", "shape", "data_offsets": [begin, end]}` with
/// offsets relative to the data area, plus an optional `"__metadata__"` object of strings.
/// Entries are checked in name order, so an error names the same tensor on every run.
enum SafeTensorsHeader {
    /// The parsed header: tensors sorted by name, metadata, and where the data area starts.
    struct Parsed {
        var entries: [String: SafeTensorsEntry]
        var metadata: [String: String]
        var dataStart: Int
    }

    /// The header key that holds free-form string metadata.
    static let metadataKey = "__metadata__"

    /// Validates `bytes` (the whole file) and returns its header; `fileName` is used in error messages.
    static func parse(_ bytes: UnsafeRawBufferPointer, fileName: String) throws(NeuroError) -> Parsed {
        func fail(_ problem: String) -> NeuroError {
            NeuroError(.invalidData, "\(fileName): \(problem)")
        }
        guard bytes.count >= 8 else {
            throw fail("file is \(bytes.count) bytes, too short for the 8-byte safetensors header length")
        }
        let headerLength = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard headerLength >= 2, headerLength <= UInt64(bytes.count - 8) else {
            throw fail("header length \(headerLength) does not fit in the \(bytes.count)-byte file (not a safetensors file, or truncated)")
        }
        let dataStart = 8 + Int(headerLength)
        let dataCount = bytes.count - dataStart
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart])
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(headerBytes))
        } catch {
            throw fail("header is not valid JSON")
        }
        guard let object = json as? [String: Any] else {
            throw fail("header JSON is not an object")
        }
        var metadata: [String: String] = [:]
        if let rawMetadata = object[metadataKey] {
            guard let strings = rawMetadata as? [String: String] else {
                throw fail("\(metadataKey) must map strings to strings")
            }
            metadata = strings
        }
        var entries: [String: SafeTensorsEntry] = [:]
        for name in object.keys.sorted() where name != metadataKey {
            entries[name] = try parseEntry(name: name, value: object[name] as Any, dataCount: dataCount, fail: fail)
        }
        try checkNoOverlap(entries.values, fail: fail)
        return Parsed(entries: entries, metadata: metadata, dataStart: dataStart)
    }

    private static func parseEntry(
        name: String, value: Any, dataCount: Int, fail: (String) -> NeuroError
    ) throws(NeuroError) -> SafeTensorsEntry {
        guard let fields = value as? [String: Any] else {
            throw fail("tensor \"\(name)\": header entry is not an object")
        }
        guard let rawDType = fields["dtype"] else {
            throw fail("tensor \"\(name)\": missing dtype")
        }
        guard let dtypeName = rawDType as? String else {
            throw fail("tensor \"\(name)\": dtype must be a string such as \"F32\", got \(rawDType)")
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            let supported = SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("tensor \"\(name)\": unsupported dtype \(dtypeName) (supported: \(supported))")
        }
        guard let shape = nonNegativeIntegers(fields["shape"]) else {
            throw fail("tensor \"\(name)\": shape must be an array of non-negative integers")
        }
        guard let offsets = nonNegativeIntegers(fields["data_offsets"]), offsets.count == 2, offsets[0] <= offsets[1] else {
            throw fail("tensor \"\(name)\": data_offsets must be [begin, end] with 0 ≤ begin ≤ end")
        }
        guard offsets[1] <= dataCount else {
            throw fail("tensor \"\(name)\": data_offsets \(offsets) end past the \(dataCount)-byte data area (file truncated?)")
        }
        var byteCount = dtype.byteCount
        for extent in shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw fail("tensor \"\(name)\": shape \(shape) is too large") }
            byteCount = product
        }
        guard byteCount == offsets[1] - offsets[0] else {
            throw fail("tensor \"\(name)\": shape \(shape) of \(dtype.rawValue) needs \(byteCount) bytes but data_offsets span \(offsets[1] - offsets[0])")
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
    }

    private static func nonNegativeIntegers(_ value: Any?) -> [Int]? {
        guard let numbers = value as? [NSNumber] else { return nil }
        var result: [Int] = []
        for number in numbers {
            let double = number.doubleValue
            guard double >= 0, double < 0x1p62, double == double.rounded() else { return nil }
            result.append(number.intValue)
        }
        return result
    }

    private static func checkNoOverlap(
        _ entries: Dictionary<String, SafeTensorsEntry>.Values, fail: (String) -> NeuroError
    ) throws(NeuroError) {
        let sorted = entries.filter { !$0.byteRange.isEmpty }.sorted {
            ($0.byteRange.lowerBound, $0.name) < ($1.byteRange.lowerBound, $1.name)
        }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.byteRange.lowerBound < previous.byteRange.upperBound {
            throw fail("tensors \"\(previous.name)\" and \"\(next.name)\" overlap in the data area")
        }
    }
}
