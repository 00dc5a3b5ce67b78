import Testing
import NeuroCore
import NeuroTestSupport
@testable import NeuroAudio

@Suite struct ResamplerAudioBufferTests {
    @Test func resamplesEveryChannelOfABuffer() throws {
        let left = ToneMeasurement.sine(frequency: 1_000, sampleRate: 22_050, count: 2_000)
        let right = [Float](repeating: 0, count: 2_000)
        let stereo = AudioBuffer(channels: [left, right], sampleRate: 22_050)
        let resampler = try Resampler(from: 22_050, to: 44_100)
        let output = resampler.resample(stereo)
        #expect(output.format == AudioFormat(sampleRate: 44_100, channelCount: 2))
        #expect(output.channel(0) == resampler.resample(left))
        #expect(output.channel(1).allSatisfy { $0 == 0 })
    }
}
