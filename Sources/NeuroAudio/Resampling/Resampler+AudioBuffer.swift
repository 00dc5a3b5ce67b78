import NeuroCore

extension Resampler {
    /// Resamples every channel of `audio` to `outputRate`.
    ///
    /// - Precondition: `audio.format.sampleRate == inputRate`.
    public func resample(_ audio: AudioBuffer) -> AudioBuffer {
        precondition(audio.format.sampleRate == inputRate, "resampler expects \(inputRate) Hz, got \(audio.format.sampleRate)")
        let channels = (0..<audio.format.channelCount).map { resample(audio.channel($0)) }
        return AudioBuffer(channels: channels, sampleRate: outputRate)
    }
}
