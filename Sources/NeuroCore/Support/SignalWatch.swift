import Foundation

/// Turns signals (SIGINT, SIGTERM…) into calls of a handler on a dispatch queue instead of their
/// default action, for as long as the watch runs; ``stop()`` (or the end of the watch) restores
/// the default actions.
///
/// The handler runs on an ordinary thread, not in signal context, so it may take locks and
/// allocate.
public final class SignalWatch: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]

    /// Starts watching `signals`; `handler` receives the signal's number.
    public init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        for signalNumber in signals {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    deinit { stop() }

    /// Stops watching and gives the signals their default actions back. Idempotent.
    public func stop() {
        guard !sources.isEmpty else { return }
        for source in sources { source.cancel() }
        sources.removeAll()
        for signalNumber in signals { signal(signalNumber, SIG_DFL) }
    }
}
