/// One gesture on the module's panel, as the menu understands it.
///
/// The panel has one RGB rotary encoder (no push switch on the original build) and one push
/// button. The firmware turns them into these inputs:
/// - the encoder's detents become ``turn(detents:)`` (clockwise positive);
/// - a short press of the button (or the encoder's push, where one is fitted) is ``press``;
/// - a long press of the button is ``back``.
///
/// Every list also ends with a "< Back" row, so the whole menu works with turns and presses only.
public enum MenuInput: Sendable, Equatable {
    /// The encoder moved by this many detents (positive clockwise); several detents may arrive at once.
    case turn(detents: Int)
    /// Enter, choose or confirm what the cursor is on.
    case press
    /// Leave the current screen without choosing (cancels a confirmation).
    case back
}
