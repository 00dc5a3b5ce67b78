/// A number edited with the encoder: its limits, its step, its live value and the action a change emits.
public enum MenuNumber: Sendable, Equatable {
    /// The output volume in percent, 0 … 100 in steps of 1 → ``MenuAction/setVolume(_:)`` (0 … 1).
    case volume
    /// The bottom of CV `input`'s range, within the target's limits and at most the top.
    case cvMinimum(input: Int)
    /// The top of CV `input`'s range, within the target's limits and at least the bottom.
    case cvMaximum(input: Int)

    /// The values the number may take now.
    public func limits(in status: ModuleStatus) -> ClosedRange<Double> {
        switch self {
        case .volume:
            return 0...100
        case .cvMinimum(let input):
            let assignment = status.assignment(ofInput: input)
            return Double(assignment.target.rangeLimits.lowerBound)...Double(assignment.limitedRange.upperBound)
        case .cvMaximum(let input):
            let assignment = status.assignment(ofInput: input)
            return Double(assignment.limitedRange.lowerBound)...Double(assignment.target.rangeLimits.upperBound)
        }
    }

    /// The amount one encoder detent changes the number by.
    public func step(in status: ModuleStatus) -> Double {
        switch self {
        case .volume: 1
        case .cvMinimum(let input), .cvMaximum(let input): status.assignment(ofInput: input).target.rangeStep
        }
    }

    /// The number's value in the status.
    public func value(in status: ModuleStatus) -> Double {
        switch self {
        case .volume: status.volume * 100
        case .cvMinimum(let input): Double(status.assignment(ofInput: input).limitedRange.lowerBound)
        case .cvMaximum(let input): Double(status.assignment(ofInput: input).limitedRange.upperBound)
        }
    }

    /// The value `detents` steps away from `value`, on the step grid and within ``limits(in:)``.
    public func value(_ value: Double, movedBy detents: Int, in status: ModuleStatus) -> Double {
        let step = step(in: status)
        let limits = limits(in: status)
        let moved = ((value / step).rounded() + Double(detents)) * step
        return min(max(moved, limits.lowerBound), limits.upperBound)
    }

    /// The action that applies `value`.
    public func action(applying value: Double, in status: ModuleStatus) -> MenuAction {
        switch self {
        case .volume:
            return .setVolume(value / 100)
        case .cvMinimum(let input):
            let assignment = status.assignment(ofInput: input)
            return .assignCV(input: input, target: assignment.target, range: Float(value)...assignment.limitedRange.upperBound)
        case .cvMaximum(let input):
            let assignment = status.assignment(ofInput: input)
            return .assignCV(input: input, target: assignment.target, range: assignment.limitedRange.lowerBound...Float(value))
        }
    }

    /// `value` as shown on the screen: "72 %" for the volume, two decimals for a CV bound.
    public func text(for value: Double) -> String {
        switch self {
        case .volume: "\(Int(value.rounded())) %"
        case .cvMinimum, .cvMaximum: MenuNumber.decimal(value)
        }
    }

    /// `value` rounded to `places` decimals (1 or 2), without Foundation's locale-dependent formatting.
    static func decimal(_ value: Double, places: Int = 2) -> String {
        let scale = places == 1 ? 10 : 100
        let units = value.isFinite ? Int((abs(value) * Double(scale)).rounded()) : 0
        let sign = value < 0 && units > 0 ? "-" : ""
        let fraction = String(units % scale)
        return "\(sign)\(units / scale)." + String(repeating: "0", count: max(0, String(scale).count - 1 - fraction.count)) + fraction
    }
}
