import NeuroCore
extension AudioBuffer {
    /// The buffer mixed down to one channel: the mean of the channels in each frame.
    ///
    /// The mean (not the sum) keeps a full-scale signal that is identical in every channel at
    /// full scale, and is what `librosa.load(mono=True)` does. A mono buffer is returned as is.
    public func downmixedToMono() -> AudioBuffer {
        let channelCount = format.channelCount
        guard channelCount > 1 else { return self }
        let scale = 1 / Float(channelCount)
        let mono = (0..<frameCount).map { frame in
            var sum: Float = 0
            for channel in 0..<channelCount {
                sum += samples[frame * channelCount + channel]
            }
            return sum * scale
        }
        return AudioBuffer(mono: mono, sampleRate: format.sampleRate)
    }
}
