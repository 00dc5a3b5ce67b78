/// What the firmware must do after a menu input; ``ModuleMenu/handle(_:status:)`` returns it.
///
/// The menu never acts on the engine itself: the firmware applies the action and reports the
/// result through the next ``ModuleStatus`` (for example a new ``ModuleStatus/currentModel``).
public enum MenuAction: Sendable, Equatable {
    /// Load the model with this name (one of ``ModuleStatus/models``).
    case selectModel(name: String)
    /// Load the current model again from its files.
    case reloadModel
    /// Set the output volume, 0 (silent) … 1 (full scale).
    case setVolume(Double)
    /// Use the profile `name` (one of ``ModuleStatus/profiles``) as reference profile F0 (`slot` 0) or F1 (`slot` 1).
    case setProfile(slot: Int, name: String)
    /// Make CV `input` (1…5) drive `target` over `range` (in the target's units, see ``CVTarget``).
    case assignCV(input: Int, target: CVTarget, range: ClosedRange<Float>)
    /// Run the converters' calibration (the user confirmed it).
    case calibrate
    /// Power the module down through systemctl (the user confirmed it).
    case shutdown
    /// Restart the module through systemctl (the user confirmed it).
    case reboot
}
