/// Where control events come from: MIDI, OSC, module CVs and gates, a terminal, a test script.
///
/// A source runs its own thread (or none, for scripted sources) and hands each event to the
/// handler it was started with, usually ``Engine/handle(_:)``.
public protocol ControlSource: AnyObject {
    /// Starts delivering events to `handler`.
    ///
    /// - Important: Not real-time: may open devices and start threads.
    /// - Throws: `.missingInput` or `.unavailable` when the device or library cannot be opened.
    func start(_ handler: @escaping @Sendable (ControlEvent) -> Void) throws(NeuroError)
    /// Stops delivering events and releases the device. Idempotent.
    func stop()
}
