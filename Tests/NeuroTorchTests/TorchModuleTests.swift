import Foundation
import NeuroCore
import NeuroTestSupport
import NeuroTorch
import Testing

/// Loading TorchScript files, the nn~ conventions, and torch errors turned into NeuroErrors.
extension TorchSuite {
    @Suite struct TorchModuleTests {
        @Test func codecOffersTheNNMethodsParamsAndAttributes() throws {
            let module = try TorchModule(path: TorchTestModels.codec)
            #expect(Set(module.methodNames).isSuperset(of: ["encode", "decode", "forward", "get_methods", "get_attributes"]))
            #expect(try module.nnMethods() == ["encode", "decode", "forward"])
            #expect(try module.params(of: "decode")?.description == "[4, 64, 1, 1]")
            #expect(try module.params(of: "encode")?.description == "[1, 1, 4, 64]")
            #expect(try module.params(of: "get_methods") == nil)
            let attributes = try module.attributes()
            #expect(attributes.map(\.name) == ["temperature", "name"])
            #expect(attributes.map(\.value) == ["0.01", "codec"])
            #expect(try module.sampleRate() == 22_050)
            #expect(try TorchModule(path: TorchTestModels.streaming).sampleRate() == 16_000)
        }

        @Test func encodeAndDecodeFollowTheirParams() throws {
            let module = try TorchModule(path: TorchTestModels.codec)
            let audio = TorchTensor(channels: [(0..<256).map { Float($0 % 17) / 17 - 0.5 }])
            let latents = try module.call("encode", audio)
            #expect(latents.shape == [1, 4, 4])
            #expect(try module.call("decode", latents).shape == [1, 1, 256])
        }

        @Test func truncatedAndMissingFilesAreErrorsNamingTheFile() {
            #expect {
                try TorchModule(path: TorchTestModels.truncated)
            } throws: { error in
                let error = error as? NeuroError
                return error?.kind == .invalidData && error?.message.hasPrefix("\(TorchTestModels.truncated): not a loadable TorchScript file: ") == true
            }
            #expect(throws: NeuroError(.missingInput, "/nonexistent/model.ts: no such TorchScript file")) {
                try TorchModule(path: "/nonexistent/model.ts")
            }
        }

        /// Regression (FuzzTorchScript): a compile error in a file whose debug pickle is corrupt
        /// aborted the process, since libtorch's `ErrorReport::what()` threw reading that pickle.
        @Test func aCompileErrorWithACorruptDebugPickleIsAnErrorNotAnAbort() {
            #expect {
                try TorchModule(path: TorchTestModels.corruptDebugInfo)
            } throws: { error in
                let error = error as? NeuroError
                return error?.kind == .invalidData && error?.message.hasPrefix("\(TorchTestModels.corruptDebugInfo): not a loadable TorchScript file: ") == true
                    && error?.message.contains("no_such_op") == true
            }
        }

        /// Regression (FuzzTorchScript): a buffer declared larger than its data was read past its end.
        @Test func aTensorLargerThanItsDataIsRefusedAtLoad() {
            #expect {
                try TorchModule(path: TorchTestModels.oversizedBuffer)
            } throws: { error in
                let error = error as? NeuroError
                return error?.kind == .invalidData && error?.message.contains("is larger than the data the file holds for it") == true
            }
        }

        @Test func aRaiseInsideAMethodIsAModelFailureWithTorchsMessage() throws {
            let module = try TorchModule(path: TorchTestModels.raising)
            let latents = try module.call("encode", TorchTensor(channels: [[Float](repeating: 0.1, count: 64)]))
            #expect(latents.shape == [1, 2, 4])
            #expect {
                try module.call("decode", latents)
            } throws: { error in
                let error = error as? NeuroError
                return error?.kind == .modelFailure && error?.message.contains("decode always fails (test model)") == true
            }
        }

        @Test func wrongShapesAndUnknownMethodsAreErrorsNotCrashes() throws {
            let module = try TorchModule(path: TorchTestModels.codec)
            let wrongChannels = TorchTensor(channels: [[Float]](repeating: [0, 0, 0, 0], count: 3))
            #expect(throws: NeuroError.self) { try module.call("decode", wrongChannels) }
            #expect {
                try module.call("nosuch", wrongChannels)
            } throws: { error in
                (error as? NeuroError)?.message.contains("nosuch") == true
            }
            #expect(throws: NeuroError.self) { try module.integers(of: "nope") }
            #expect(try module.call("encode", TorchTensor(channels: [[Float](repeating: 0, count: 64)])).shape == [1, 4, 1])
        }

        @Test func buffersOfAStreamingModelChangeAndResetToTheirLoadedValues() throws {
            let module = try TorchModule(path: TorchTestModels.streaming)
            let latents = TorchTensor(channels: [[Float](repeating: 1, count: 4), [Float](repeating: -0.5, count: 4)])
            #expect(try module.changedBufferCount() == 0)
            let first = try module.call("decode", latents)
            #expect(try module.changedBufferCount() == 1)
            let second = try module.call("decode", latents)
            #expect(first != second)
            try module.resetBuffers()
            #expect(try module.changedBufferCount() == 0)
            #expect(try module.call("decode", latents) == first)
        }
    }
}

/// A build without the Torch trait says how to get TorchScript support.
@Suite(.enabled(if: !TorchModule.isAvailable, "built with the Torch trait: TorchScript loads"))
struct TorchUnavailableTests {
    @Test func loadingSaysToRebuildWithTheTrait() {
        #expect {
            try TorchModule(path: TorchTestModels.codec)
        } throws: { error in
            let error = error as? NeuroError
            return error?.kind == .unavailable && error?.message.contains("swift build --traits Torch") == true
        }
    }
}
