import NeuroCore
/// The description of one tensor in a safetensors file: element type, shape and byte range.
public struct SafeTensorsEntry: Sendable, Equatable {
    /// The tensor's name (the header key).
    public var name: String
    /// The element type.
    public var dtype: SafeTensorsDType
    /// The shape, outermost axis first (an empty shape is a scalar).
    public var shape: [Int]
    /// The byte range inside the data area (after the 8-byte length and the header).
    public var byteRange: Range<Int>

    /// The number of elements (the product of ``shape``; 1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
