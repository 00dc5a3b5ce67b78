import Foundation
import NeuroCore
import NeuroProfiles

/// One requested control curve of a controllability evaluation.
public struct ControllabilityCase: Sendable, Equatable {
    /// How the curve was made.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A library profile as measured.
        case profile
        /// A morph between two library profiles at a fixed position α (CV2).
        case morph
        /// A library profile with one of CV3–CV5 ramping from ×0.25 to ×2 along the impact.
        case cvSweep = "cv-sweep"
        /// A real recording's own measured curves (the kit-split evaluation).
        case recording
    }

    /// How the curve was made.
    public var kind: Kind
    /// A readable description, e.g. `kick-acoustic-1 > hat-closed-1 @0.40`.
    public var name: String
    /// The raw control frames sent to the model.
    public var frames: [ControlFrame]
    /// The group the case is reported in besides the total (a recording's kit), if any.
    public var group: String?

    /// Creates a case.
    public init(kind: Kind, name: String, frames: [ControlFrame], group: String? = nil) {
        self.kind = kind
        self.name = name
        self.frames = frames
        self.group = group
    }

    /// The lowest and highest CV3–CV5 multiplier of a sweep.
    static let sweepRange: ClosedRange<Float> = 0.25...2

    /// `count` cases from `library`, cycling profile, morph and CV sweep, drawn reproducibly from `seed`.
    ///
    /// Morphs and sweeps go through `LatentControl` and `CVState` exactly as the module does.
    public static func standardSet(from library: ProfileLibrary, count: Int, seed: UInt64) -> [ControllabilityCase] {
        guard !library.entries.isEmpty else { return [] }
        var random = SplitMix64(seed: seed)
        let profiles = library.entries.map(\.profile)
        func pick() -> ImpactProfile { profiles[Int(random.next() % UInt64(profiles.count))] }
        return (0..<max(count, 0)).map { index in
            switch index % 3 {
            case 0:
                let profile = pick()
                return ControllabilityCase(kind: .profile, name: profile.name, frames: profile.frames)
            case 1:
                let (first, second) = (pick(), pick())
                let alpha = random.nextUnitFloat()
                var cv = CVState()
                cv[2] = CVState.morphVoltage(alpha: alpha)
                let control = LatentControl(primary: first, secondary: second)
                let name = "\(first.name) > \(second.name) @\(String(format: "%.2f", alpha))"
                return ControllabilityCase(kind: .morph, name: name, frames: control.frames(cv: cv))
            default:
                let profile = pick()
                let (input, descriptor) = LatentControl.scaledDescriptors[(index / 3) % 3]
                let control = LatentControl(primary: profile)
                let last = max(control.frameCount - 1, 1)
                let frames = (0..<control.frameCount).map { frame in
                    var cv = CVState()
                    let position = Float(frame) / Float(last)
                    cv[input] = sweepRange.lowerBound + (sweepRange.upperBound - sweepRange.lowerBound) * position
                    return control.frame(at: frame, cv: cv)
                }
                let name = "\(profile.name) CV\(input) (\(descriptor.key)) ×\(sweepRange.lowerBound)…×\(sweepRange.upperBound)"
                return ControllabilityCase(kind: .cvSweep, name: name, frames: frames)
            }
        }
    }
}
