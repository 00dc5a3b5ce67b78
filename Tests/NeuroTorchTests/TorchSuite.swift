import NeuroTorch
import Testing

/// The tests that call libtorch, run one at a time: torch's random generator (seeded by every
/// reset and verification) and its thread count are process-wide.
@Suite(.serialized, .enabled(if: TorchModule.isAvailable, "\(TorchModule.unavailableReason)"))
struct TorchSuite {}
