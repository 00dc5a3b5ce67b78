import NeuroCore

/// The nn~ conventions: which methods a module offers, their `_params` buffers, its attributes
/// and its sample rate.
extension TorchModule {
    /// One nn~ attribute and its value as its getter returns it.
    public struct Attribute: Sendable, Equatable {
        /// The attribute's name (an item of `get_attributes()`).
        public var name: String
        /// The value `get_<name>()` returns, as text; `nil` when the module has no such getter.
        public var value: String?
    }

    /// The methods nn~ would offer: `get_methods()` when the module has it, else its own methods.
    ///
    /// - Throws: `.modelFailure` when `get_methods()` fails.
    public func nnMethods() throws(NeuroError) -> [String] {
        guard methodNames.contains("get_methods") else { return methodNames }
        return try textLines(calling: "get_methods")
    }

    /// The `<method>_params` buffer of `method`, or `nil` when the module has none.
    ///
    /// - Throws: `.invalidData` when the buffer is not four positive integers.
    public func params(of method: String) throws(NeuroError) -> TorchMethodParams? {
        let name = "\(method)_params"
        guard hasAttribute(name) else { return nil }
        do {
            return try TorchMethodParams(values: try integers(of: name), method: method)
        } catch {
            throw NeuroError(.invalidData, "\(path): \(error.message)")
        }
    }

    /// The `_params` buffer of `method`, required.
    ///
    /// - Throws: `.invalidData` naming the file when the method or its buffer is missing.
    public func requiredParams(of method: String) throws(NeuroError) -> TorchMethodParams {
        guard methodNames.contains(method) else {
            throw NeuroError(.invalidData, "\(path): the model has no '\(method)' method (it has \(methodNames.joined(separator: ", ")))")
        }
        guard let params = try params(of: method) else {
            throw NeuroError(
                .invalidData,
                "\(path): '\(method)' has no \(method)_params buffer [in_channels, in_ratio, out_channels, out_ratio] (nn~ convention)")
        }
        return params
    }

    /// The nn~ attributes (`get_attributes()`) with their values (`get_<name>()`); empty when
    /// the module has no `get_attributes`.
    ///
    /// - Throws: `.modelFailure` when a getter fails.
    public func attributes() throws(NeuroError) -> [Attribute] {
        guard methodNames.contains("get_attributes") else { return [] }
        var attributes: [Attribute] = []
        for name in try textLines(calling: "get_attributes") {
            let getter = "get_\(name)"
            let value = methodNames.contains(getter) ? try textLines(calling: getter).joined(separator: ", ") : nil
            attributes.append(Attribute(name: name, value: value))
        }
        return attributes
    }

    /// The sample rate in Hz: the `sr` attribute (nn~), else `sampling_rate`, else `nil`.
    ///
    /// - Throws: `.invalidData` when the attribute is not a positive integer of 1000…768000 Hz.
    public func sampleRate() throws(NeuroError) -> Int? {
        guard let name = ["sr", "sampling_rate"].first(where: hasAttribute) else { return nil }
        let values = (try? integers(of: name)) ?? []
        guard values.count == 1, (1_000...768_000).contains(values[0]) else {
            throw NeuroError(.invalidData, "\(path): attribute '\(name)' should be one sample rate of 1000…768000 Hz, got \(values)")
        }
        return Int(values[0])
    }
}
