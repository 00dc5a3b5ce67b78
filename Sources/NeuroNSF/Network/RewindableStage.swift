/// A post-network stage (the DC blocker, the tail gate) whose small per-impact state a chunked
/// caller saves at a call's hop and restores after it, like the network's own state.
///
/// Conformers keep their state in ``state`` and the copy of the last ``saveState()`` in
/// ``saved``; the three operations are implemented once here.
protocol RewindableStage {
    /// What the stage carries from one sample or frame to the next.
    associatedtype State
    /// The state at the start of an impact.
    static var initialState: State { get }
    /// The current state.
    var state: State { get set }
    /// The state remembered by the last ``saveState()``.
    var saved: State { get set }
}

extension RewindableStage {
    /// Starts a new impact.
    mutating func reset() {
        state = Self.initialState
        saved = state
    }

    /// Remembers the current state (at a chunk's hop).
    mutating func saveState() {
        saved = state
    }

    /// Returns to the state of the last ``saveState()``.
    mutating func restoreState() {
        state = saved
    }
}
