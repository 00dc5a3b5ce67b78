#if canImport(Glibc)
import Glibc
#endif
import NeuroCore

/// A shared library opened at run time with `dlopen`, so that building the package needs no
/// `-dev` package and a machine without the library still runs everything else.
///
/// Errors say which library is missing and what to install.
public final class DynamicLibrary: @unchecked Sendable {
    /// The file name that was opened (`libjack.so.0`).
    public let name: String
    private let handle: UnsafeMutableRawPointer

    /// Opens the first of `names` that loads.
    ///
    /// - Parameters:
    ///   - names: sonames to try in order (`["libjack.so.0"]`).
    ///   - installHint: what a user installs to get it (`apt-get install libjack-jackd2-0`).
    /// - Throws: `.unavailable` naming the library, the loader's reason and the hint.
    public init(_ names: [String], installHint: String) throws(NeuroError) {
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                self.name = name
                self.handle = handle
                return
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? "\(name): cannot be loaded")
        }
        throw NeuroError(.unavailable, "\(names.joined(separator: " or ")) not available (\(reasons.joined(separator: "; "))); \(installHint)")
    }

    /// The function `symbol` as the C function type `type`.
    ///
    /// - Throws: `.unavailable` naming the library and the symbol when it is missing (an old version).
    public func function<Function>(_ symbol: String, as type: Function.Type) throws(NeuroError) -> Function {
        guard let address = dlsym(handle, symbol) else {
            throw NeuroError(.unavailable, "\(name) has no function \(symbol) (too old a version?)")
        }
        return unsafe unsafeBitCast(address, to: type)
    }
}
