/// A menu action from the module's encoder/button or an equivalent desktop control.
public enum MenuAction: Sendable, Equatable {
    /// Encoder turned by `steps` detents (negative is counter-clockwise).
    case rotate(steps: Int)
    /// Button pressed.
    case press
    /// Button held (long press): back / cancel.
    case back
}

/// One control event: what gates, CVs, MIDI notes and menus produce.
public enum ControlEvent: Sendable, Equatable {
    /// Play the cached impact now, at `velocity` (0…1).
    case gatePlay(velocity: Float)
    /// Generate a new impact with the current controls.
    case gateRegenerate
    /// Control voltage `index` (1…5 as on the module) now reads `volts`.
    case cv(index: Int, volts: Float)
    /// A menu action.
    case menu(MenuAction)
}

/// Where control events come from: command line, MIDI, module CV/gates, a test script.
///
/// A source runs its own thread (or none, for scripted sources) and hands each event to the
/// handler it was started with. Handlers must be cheap and non-blocking.
public protocol ControlSource: AnyObject {
    /// Starts delivering events to `handler`. Throws when the device cannot be opened.
    func start(_ handler: @escaping @Sendable (ControlEvent) -> Void) throws(NeuroError)
    /// Stops delivering events and releases the device. Idempotent.
    func stop()
}
