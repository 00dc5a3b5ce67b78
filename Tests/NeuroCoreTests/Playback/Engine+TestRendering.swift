@testable import NeuroCore

extension Engine {
    /// Renders one period of `count` samples, as the audio thread would, and returns it.
    func renderPeriod(count: Int) -> [Float] {
        var output = [Float](repeating: .nan, count: count)
        var span = output.mutableSpan
        render(into: &span)
        _ = consume span
        return output
    }
}
