import NeuroCore
/// A fixed-size, zero-filled, 64-byte aligned block of floats for the NSF kernels.
///
/// The kernels load whole cache lines, so activations, context and packed weights live in these
/// buffers. The buffer never grows and frees its memory when the last reference goes away.
///
/// - Important: `Sendable` only in the sense that ownership can move to another thread; the
///   contents must not be written by two threads at once.
public final class AlignedFloatBuffer: @unchecked Sendable {
    /// The alignment of ``baseAddress`` in bytes (one cache line).
    public static let alignment = 64

    /// The number of floats.
    public let count: Int
    /// The first float; valid for ``count`` elements while the buffer is alive.
    public let baseAddress: UnsafeMutablePointer<Float>

    /// Allocates `count` floats, all zero.
    ///
    /// - Precondition: `count >= 0`.
    public init(count: Int) {
        precondition(count >= 0, "AlignedFloatBuffer: count must not be negative, got \(count)")
        self.count = count
        let byteCount = max(count, 1) * MemoryLayout<Float>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: Self.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        baseAddress = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Allocates a buffer holding a copy of `values`.
    public convenience init(copying values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            baseAddress.update(from: base, count: source.count)
        }
    }

    deinit {
        baseAddress.deallocate()
    }

    /// The float at `index`.
    ///
    /// - Precondition: `0 <= index < count`.
    public subscript(index: Int) -> Float {
        get {
            precondition(index >= 0 && index < count, "AlignedFloatBuffer: index \(index) out of 0..<\(count)")
            return baseAddress[index]
        }
        set {
            precondition(index >= 0 && index < count, "AlignedFloatBuffer: index \(index) out of 0..<\(count)")
            baseAddress[index] = newValue
        }
    }

    /// Sets every float to `value`.
    public func fill(with value: Float) {
        baseAddress.update(repeating: value, count: count)
    }

    /// Calls `body` with the whole buffer.
    public func withUnsafeMutableBufferPointer<Result, Failure: Error>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeMutableBufferPointer(start: baseAddress, count: count))
    }
}
