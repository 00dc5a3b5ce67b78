/// A choice among options known only at run time, and the action choosing one emits.
public enum MenuChoice: Sendable, Equatable {
    /// One of ``ModuleStatus/models`` → ``MenuAction/selectModel(name:)``.
    case model
    /// One of ``ModuleStatus/profiles`` for F0 (`slot` 0) or F1 (`slot` 1) → ``MenuAction/setProfile(slot:name:)``.
    case profile(slot: Int)
    /// One of ``CVTarget/allCases`` for CV `input` (1…5) → ``MenuAction/assignCV(input:target:range:)``.
    case cvTarget(input: Int)

    /// The option texts, in display order.
    public func options(in status: ModuleStatus) -> [String] {
        switch self {
        case .model: status.models
        case .profile: status.profiles
        case .cvTarget: CVTarget.allCases.map(\.title)
        }
    }

    /// The index of the option in use now, if it is among the options.
    public func selectedIndex(in status: ModuleStatus) -> Int? {
        switch self {
        case .model: status.currentModel.flatMap { status.models.firstIndex(of: $0) }
        case .profile(let slot): profileName(slot: slot, in: status).flatMap { status.profiles.firstIndex(of: $0) }
        case .cvTarget(let input): CVTarget.allCases.firstIndex(of: status.assignment(ofInput: input).target)
        }
    }

    /// The text of the option in use now, shown next to the item's title ("-" when none).
    public func summary(in status: ModuleStatus) -> String {
        switch self {
        case .model: status.currentModel ?? "-"
        case .profile(let slot): profileName(slot: slot, in: status) ?? "-"
        case .cvTarget(let input): status.assignment(ofInput: input).target.title
        }
    }

    /// The action for choosing option `index`, or `nil` when the index is not an option.
    ///
    /// A CV keeps its range when its target stays the same and takes the new target's whole
    /// ``CVTarget/rangeLimits`` otherwise (the units change).
    public func action(choosing index: Int, in status: ModuleStatus) -> MenuAction? {
        let options = options(in: status)
        guard options.indices.contains(index) else { return nil }
        switch self {
        case .model:
            return .selectModel(name: options[index])
        case .profile(let slot):
            return .setProfile(slot: slot, name: options[index])
        case .cvTarget(let input):
            let target = CVTarget.allCases[index]
            let current = status.assignment(ofInput: input)
            let range = current.target == target ? current.range : target.rangeLimits
            return .assignCV(input: input, target: target, range: range)
        }
    }

    private func profileName(slot: Int, in status: ModuleStatus) -> String? {
        slot == 0 ? status.profileF0 : status.profileF1
    }
}
