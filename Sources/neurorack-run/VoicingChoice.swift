import ArgumentParser
import NeuroAnalysis

/// `--voicing`: how a measured f0 curve treats frames without a stable pitch (`describe`, `eval --kit`).
enum VoicingChoice: String, ExpressibleByArgument, CaseIterable {
    /// Hold the nearest voiced frame's smoothed pitch (``DescriptorSettings/profile``).
    case hold
    /// Hold, but f0 = 0 on noise-like frames (``DescriptorSettings/noiseProfile``), for models trained so.
    case noise
    /// YIN's value on every frame (``DescriptorSettings/librosa``).
    case off

    /// The analysis settings of this choice.
    var settings: DescriptorSettings {
        switch self {
        case .hold: .profile
        case .noise: .noiseProfile
        case .off: .librosa
        }
    }
}
