/// The module's menu, in one place, as data.
///
/// Every leaf leads to an action or a live page:
/// - Model ▸ Select (a choice of ``ModuleStatus/models``), Reload;
/// - Volume (0 … 100 %);
/// - Profile F0, Profile F1 (choices of ``ModuleStatus/profiles``);
/// - CV assign ▸ CV1 … CV5 ▸ Target, Minimum, Maximum; Overview (a page);
/// - Stats (a page);
/// - System ▸ Calibrate, Reboot, Shutdown (each asks for confirmation).
public enum MenuDefinition {
    /// The root of the module's menu.
    public static let standard = MenuItem("Menu", .submenu([
        MenuItem("Model", .submenu([
            MenuItem("Select", .choice(.model)),
            MenuItem("Reload", .action(.reloadModel, confirmation: nil)),
        ])),
        MenuItem("Volume", .number(.volume)),
        MenuItem("Profile F0", .choice(.profile(slot: 0))),
        MenuItem("Profile F1", .choice(.profile(slot: 1))),
        MenuItem("CV assign", .submenu((1...5).map(cvInput) + [MenuItem("Overview", .page(.cvOverview))])),
        MenuItem("Stats", .page(.stats)),
        MenuItem("System", .submenu([
            MenuItem("Calibrate", .action(.calibrate, confirmation: "Calibrate the CV and gate inputs now?")),
            MenuItem("Reboot", .action(.reboot, confirmation: "Restart the module? Audio stops.")),
            MenuItem("Shutdown", .action(.shutdown, confirmation: "Power the module down? Audio stops.")),
        ])),
    ]))

    private static func cvInput(_ input: Int) -> MenuItem {
        MenuItem("CV\(input)", .submenu([
            MenuItem("Target", .choice(.cvTarget(input: input))),
            MenuItem("Minimum", .number(.cvMinimum(input: input))),
            MenuItem("Maximum", .number(.cvMaximum(input: input))),
        ]))
    }
}
