/// The error type of the whole project: a kind that decides the exit code, and a message
/// that names the file or field and what was expected.
public struct NeuroError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarse enough to pick a process exit code.
    public enum Kind: Sendable, Equatable {
        /// The command line was wrong (exit 64, EX_USAGE).
        case usage
        /// Input data was malformed or out of range (exit 65, EX_DATAERR).
        case invalidData
        /// An input file or device does not exist or cannot be opened (exit 66, EX_NOINPUT).
        case missingInput
        /// A system facility (library, device, thread) is not available (exit 69, EX_UNAVAILABLE).
        case unavailable
        /// Writing an output failed (exit 73, EX_CANTCREAT).
        case cannotWrite
        /// A model failed while generating (exit 70, EX_SOFTWARE).
        case modelFailure
    }

    /// The kind of failure.
    public var kind: Kind
    /// A one-line human explanation naming the file/field and what was expected.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The sysexits(3) code for ``kind``.
    public var exitCode: Int32 {
        switch kind {
        case .usage: 64
        case .invalidData: 65
        case .missingInput: 66
        case .unavailable: 69
        case .modelFailure: 70
        case .cannotWrite: 73
        }
    }

    /// The message.
    public var description: String { message }
}
