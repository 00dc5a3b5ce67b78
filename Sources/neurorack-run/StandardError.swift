import Foundation

/// Lines for standard error: errors, warnings and status lines of every subcommand.
enum StandardError {
    /// Writes `line` and a newline to standard error.
    static func write(line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
