import NeuroNSF
import Testing
import NeuroCore

@Suite struct PackedConvWeightsTests {
    @Test func keepsEveryPyTorchWeightAddressable() throws {
        let channels = 32
        let pytorch = (0..<(channels * channels * 3)).map { Float($0) }
        let packed = try PackedConvWeights(pytorch: pytorch, channels: channels)
        for output in 0..<channels {
            for input in 0..<channels {
                for tap in 0..<3 {
                    #expect(packed.weight(output: output, input: input, tap: tap) == pytorch[(output * channels + input) * 3 + tap])
                }
            }
        }
    }

    @Test func rejectsChannelCountsThatAreNotMultiplesOf16() {
        for channels in [0, 8, 24, -16] {
            #expect(throws: NeuroError.self) {
                try PackedConvWeights(pytorch: [Float](repeating: 0, count: max(channels, 0) * max(channels, 0) * 3), channels: channels)
            }
        }
    }

    @Test func rejectsWrongCountsAndNonFiniteValues() {
        #expect(throws: NeuroError.self) { try PackedConvWeights(pytorch: [Float](repeating: 0, count: 16 * 16 * 3 - 1), channels: 16) }
        var weights = [Float](repeating: 0, count: 16 * 16 * 3)
        weights[100] = .nan
        #expect(throws: NeuroError.self) { try PackedConvWeights(pytorch: weights, channels: 16) }
        weights[100] = .infinity
        #expect(throws: NeuroError.self) { try PackedConvWeights(pytorch: weights, channels: 16) }
    }
}
