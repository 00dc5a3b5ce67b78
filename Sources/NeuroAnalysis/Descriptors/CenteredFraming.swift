import NeuroCore
/// Cuts a signal into overlapping zero-padded frames centred like librosa's `center=True`,
/// `pad_mode="constant"`.
///
/// The signal is padded with `frameLength / 2` zeros on both sides; frame `t` covers padded
/// samples `t·hop ..< t·hop + frameLength`, i.e. it is centred on signal sample `t·hop`.
/// There are `1 + signalLength / hop` frames.
struct CenteredFraming: Sendable {
    /// Samples per frame.
    let frameLength: Int
    /// Samples between frame centres.
    let hop: Int

    /// The number of frames of a signal of `signalLength` samples.
    func frameCount(signalLength: Int) -> Int { 1 + signalLength / hop }

    /// The signal index of the first sample of frame `index` (negative inside the left padding).
    func frameStart(_ index: Int) -> Int { index * hop - frameLength / 2 }

    /// Copies frame `index` of `signal` into `frame` (`frameLength` values), zeros outside the signal.
    func copyFrame(_ index: Int, of signal: SignalWindow, into frame: UnsafeMutableBufferPointer<Double>) {
        let start = frameStart(index)
        let inside = max(start, 0)..<max(min(start + frameLength, signal.length), max(start, 0))
        for position in 0..<(inside.lowerBound - start) { frame[position] = 0 }
        for sampleIndex in inside { frame[sampleIndex - start] = Double(signal[sampleIndex]) }
        for position in (inside.upperBound - start)..<frameLength { frame[position] = 0 }
    }
}
