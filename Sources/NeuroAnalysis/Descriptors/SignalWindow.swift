import NeuroCore
/// The part of a signal held in memory: `samples[i]` is signal sample `origin + i`, and the
/// whole signal has `length` samples (as far as known), so frames can be cut from any stretch of it.
struct SignalWindow {
    /// The samples held, from signal sample `origin` on.
    let samples: UnsafeBufferPointer<Float>
    /// The signal index of `samples[0]`.
    let origin: Int
    /// The number of samples of the whole signal (or received so far, while streaming).
    let length: Int

    /// Signal sample `index`.
    ///
    /// - Precondition: `origin ≤ index < origin + samples.count`.
    subscript(index: Int) -> Float { samples[index - origin] }
}
