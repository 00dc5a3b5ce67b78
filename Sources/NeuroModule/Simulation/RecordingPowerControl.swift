import NeuroCore
import Synchronization

/// A power control that only records what it was asked: the simulated module must not power
/// down the machine it runs on.
public final class RecordingPowerControl: PowerControl {
    private let requested = Mutex<[PowerAction]>([])

    /// A control with nothing requested yet.
    public init() {}

    /// Records `action`.
    public func perform(_ action: PowerAction) throws(NeuroError) {
        requested.withLock { $0.append(action) }
    }

    /// The actions asked for so far, in order.
    public var requests: [PowerAction] { requested.withLock { $0 } }
}
