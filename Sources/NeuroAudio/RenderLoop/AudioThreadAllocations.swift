#if canImport(Glibc)
import Glibc
#endif

/// Counts heap allocations on audio threads while `libNeuroAllocationCounter.so` (the package's
/// `NeuroAllocationCounter` product) is preloaded; `neurorack-run soak` preloads it by itself.
///
/// The library replaces malloc, calloc and realloc of the process with forwarders to glibc's and
/// counts the calls made on threads marked by ``markCurrentThread()``: the render loop's thread
/// and every host's audio callback mark themselves. Without the library nothing is counted and
/// marking does nothing.
public enum AudioThreadAllocations {
    /// The counter's "mark this thread" function, when the library is preloaded.
    public typealias Marker = @convention(c) () -> Void

    private static let marker: Marker? = symbol("neurorack_count_allocations_on_this_thread", as: Marker.self)
    private static let counter: (@convention(c) () -> Int)? = symbol("neurorack_counted_allocations", as: (@convention(c) () -> Int).self)

    /// The file name of the counting library.
    public static let libraryName = "libNeuroAllocationCounter.so"

    /// Whether allocations are being counted (the library is preloaded).
    public static var isCounting: Bool { marker != nil && counter != nil }

    /// The marking function, for a real-time callback to call directly (resolved once, here).
    public static var markerFunction: Marker? { marker }

    /// Counts the calling thread's later allocations; does nothing without the library.
    public static func markCurrentThread() { marker?() }

    /// Allocations on marked threads so far, or `nil` when nothing is counted.
    public static var count: Int? { counter?() }

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafe unsafeBitCast(address, to: type)
    }
}
