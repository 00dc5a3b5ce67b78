import Foundation

/// The default model's PyTorch fixture, `Tests/NeuroNSFTests/Fixtures/default_fixture.safetensors`,
/// written by `training/export.py` with injected random draws.
enum DefaultFixture {
    /// Where the fixture lives in the source tree.
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/default_fixture.safetensors")
}
