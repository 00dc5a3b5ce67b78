import Foundation
import NeuroTestSupport
import Testing
import NeuroCore
@testable import NeuroSafeTensors

@Suite struct SafeTensorsTests {
    /// A file made of a hand-written header and data area, for malformed cases.
    private func rawFile(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> Data {
        let json = Array(header.utf8)
        var file = Data(withUnsafeBytes(of: (declaredLength ?? UInt64(json.count)).littleEndian) { Array($0) })
        file.append(contentsOf: json)
        file.append(contentsOf: data)
        return file
    }

    private func expectError(_ data: Data, containing fragments: [String]) {
        do {
            _ = try SafeTensorsFile(data: data, fileName: "bad.safetensors")
            Issue.record("expected an error containing \(fragments)")
        } catch {
            #expect(error.kind == .invalidData)
            #expect(error.message.hasPrefix("bad.safetensors: "))
            for fragment in fragments {
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
    }

    @Test func roundTripsFloatsIntegersAndMetadata() throws {
        var writer = SafeTensorsWriter()
        writer.add("weight", shape: [2, 3], floats: [1, -2, 3.5, .pi, 0, -0.125])
        writer.add("index", shape: [3], int64s: [0, 256, -7])
        writer.add("scalar", shape: [], floats: [0.1])
        writer.metadata = ["seed": "1234"]
        let file = try SafeTensorsFile(data: writer.encoded(), fileName: "ok.safetensors")
        #expect(file.names == ["index", "scalar", "weight"])
        #expect(try file.floats("weight") == [1, -2, 3.5, .pi, 0, -0.125])
        #expect(try file.entry("weight").shape == [2, 3])
        #expect(try file.int64s("index") == [0, 256, -7])
        #expect(try file.floats("scalar", shape: []) == [0.1])
        #expect(file.metadata == ["seed": "1234"])
    }

    @Test func writesAtomicallyAndReadsBack() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        var writer = SafeTensorsWriter()
        writer.add("x", shape: [4], floats: [1, 2, 3, 4])
        try writer.write(to: url)
        #expect(try SafeTensorsFile(contentsOf: url).floats("x") == [1, 2, 3, 4])
    }

    @Test func widensHalfAndBFloat16Exactly() throws {
        var writer = SafeTensorsWriter()
        // binary16: 1.0, -2.0, smallest subnormal 2^-24, +infinity.
        writer.add("half", dtype: .float16, shape: [4], rawBytes: [0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00, 0x00, 0x7C])
        // bfloat16: 1.0, -0.5.
        writer.add("brain", dtype: .bfloat16, shape: [2], rawBytes: [0x80, 0x3F, 0x00, 0xBF])
        let file = try SafeTensorsFile(data: writer.encoded(), fileName: "half.safetensors")
        #expect(try file.floats("half") == [1, -2, 0x1p-24, .infinity])
        #expect(try file.floats("brain") == [1, -0.5])
    }

    @Test func rejectsFilesTooShortForTheLength() {
        expectError(Data([1, 2, 3]), containing: ["too short"])
    }

    @Test func rejectsOversizedHeaderLength() {
        expectError(rawFile(header: "{}", data: [], declaredLength: 1 << 40), containing: ["header length", "does not fit"])
    }

    @Test func rejectsGarbage() {
        let bytes = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var data = Data(withUnsafeBytes(of: UInt64(40).littleEndian) { Array($0) })
        data.append(contentsOf: bytes)
        expectError(data, containing: ["header"])
        expectError(rawFile(header: "[1, 2]", data: []), containing: ["not an object"])
    }

    @Test func rejectsTruncatedData() {
        var writer = SafeTensorsWriter()
        writer.add("weight", shape: [8], floats: Array(repeating: 1, count: 8))
        let whole = writer.encoded()
        expectError(whole.prefix(whole.count - 4), containing: ["\"weight\"", "past", "truncated"])
    }

    @Test func rejectsShapeAndSpanMismatch() {
        let header = #"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#
        expectError(rawFile(header: header, data: Array(repeating: 0, count: 8)), containing: ["\"w\"", "needs 12 bytes", "span 8"])
    }

    @Test func rejectsOverlapsAndBadFields() {
        let overlap = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#
        expectError(rawFile(header: overlap, data: Array(repeating: 0, count: 12)), containing: ["overlap"])
        let dtype = #"{"a": {"dtype": "U8", "shape": [2], "data_offsets": [0, 2]}}"#
        expectError(rawFile(header: dtype, data: [0, 0]), containing: ["\"a\"", "unsupported dtype U8"])
        let negative = #"{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#
        expectError(rawFile(header: negative, data: [0, 0, 0, 0]), containing: ["shape"])
        let offsets = #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 0]}}"#
        expectError(rawFile(header: offsets, data: [0, 0, 0, 0]), containing: ["data_offsets"])
        let metadata = #"{"__metadata__": {"n": 1}}"#
        expectError(rawFile(header: metadata, data: []), containing: ["__metadata__"])
    }

    /// Regression (issue 13, defect 8): a numeric dtype was reported as "missing dtype".
    @Test func aNumericDTypeIsReportedAsNotAString() {
        let numeric = #"{"a": {"dtype": 7, "shape": [1], "data_offsets": [0, 4]}}"#
        expectError(rawFile(header: numeric, data: [0, 0, 0, 0]), containing: ["\"a\"", "dtype must be a string", "got 7"])
        let missing = #"{"a": {"shape": [1], "data_offsets": [0, 4]}}"#
        expectError(rawFile(header: missing, data: [0, 0, 0, 0]), containing: ["\"a\"", "missing dtype"])
    }

    /// Regression (issue 13, defect 8): the tensor named in a truncation error changed from run to
    /// run (dictionary order); now the first name in sorted order is reported.
    @Test func theTruncationErrorNamesTheFirstTensorByName() {
        var writer = SafeTensorsWriter()
        for index in (0..<20).reversed() {
            writer.add(String(format: "t%02d", index), shape: [4], floats: Array(repeating: 1, count: 4))
        }
        let whole = writer.encoded()
        let header = Int(whole.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        expectError(whole.prefix(8 + header), containing: ["\"t00\"", "truncated"])
    }

    @Test func namesTheTensorOnLookupErrors() throws {
        var writer = SafeTensorsWriter()
        writer.add("w", shape: [2], floats: [1, .nan])
        writer.add("i", shape: [1], int64s: [3])
        let file = try SafeTensorsFile(data: writer.encoded(), fileName: "f.safetensors")
        #expect(throws: NeuroError(.invalidData, "f.safetensors: tensor \"missing\" is missing")) { try file.floats("missing") }
        #expect(throws: NeuroError(.invalidData, "f.safetensors: tensor \"w\" has shape [2], expected [3]")) {
            try file.floats("w", shape: [3])
        }
        #expect(throws: NeuroError(.invalidData, "f.safetensors: tensor \"w\" contains nan at flat index 1")) {
            try file.floats("w", shape: [2])
        }
        #expect(throws: NeuroError(.invalidData, "f.safetensors: tensor \"i\" is I64, expected a floating-point dtype")) {
            try file.floats("i")
        }
        #expect(throws: NeuroError(.invalidData, "f.safetensors: tensor \"w\" is F32, expected I64")) { try file.int64s("w") }
    }

    @Test func reportsMissingFiles() {
        let url = URL(fileURLWithPath: "/nonexistent/model.safetensors")
        #expect { try SafeTensorsFile(contentsOf: url) } throws: { ($0 as? NeuroError)?.kind == .missingInput }
    }

    static let referenceWeights = "neurorack/model_nsf_sinc_ema_impacts_waveform_5.0.safetensors"

    @Test(SharedReferenceData.required(referenceWeights))
    func readsTheReferenceWeights() throws {
        let url = try SharedReferenceData.requiredURL(Self.referenceWeights)
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(file.entries.count == 96)
        #expect(file.entries.values.reduce(0) { $0 + $1.elementCount } == 777_224)
        #expect(try file.floats("m_filter.l_har_blocks.0.scale", shape: [1]) == [0.1])
    }
}
