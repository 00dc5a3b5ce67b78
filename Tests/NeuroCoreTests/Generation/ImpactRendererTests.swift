import Testing
@testable import NeuroCore

@Suite struct ImpactRendererTests {
    private func frames(_ count: Int) -> [ControlFrame] {
        (0..<count).map { ControlFrame.constant(Float($0 % 7) * 0.1) }
    }

    @Test(arguments: [1, 5, 15, 16, 17, 30, 31, 46, 301])
    func lengthIsFramesTimesSamplesPerFrame(frameCount: Int) throws {
        let model = FakeImpactModel(samplesPerFrame: 4)
        let audio = try ImpactRenderer.render(model: model, frames: frames(frameCount), seed: 7)
        #expect(audio.count == frameCount * 4)
        #expect(model.lastSeed == 7)
        #expect(audio.allSatisfy { $0.isFinite })
    }

    @Test func emptyImpactRendersNothingWithoutCallingTheModel() throws {
        let model = FakeImpactModel()
        #expect(try ImpactRenderer.render(model: model, frames: [], seed: 1).isEmpty)
        #expect(model.callCount == 0)
    }

    @Test func chunkedRenderEqualsOneWholeCall() throws {
        let input = frames(47)
        let model = FakeImpactModel(samplesPerFrame: 4)
        let chunked = try ImpactRenderer.render(model: model, frames: input, seed: 3)
        #expect(model.advances == [15, 15, 15, 2])
        for (index, sample) in chunked.enumerated() {
            let frame = index / 4
            let expected = FakeImpactModel.expected(rms: input[frame].rms, streamFrame: frame, sample: index % 4)
            #expect(abs(sample - expected) <= 1e-6, "sample \(index)")
        }
    }

    @Test func headOfEachChunkIsALinearCrossfadeWithThePreviousTail() throws {
        let model = FakeImpactModel(samplesPerFrame: 5, behaviour: .callIndex)
        let audio = try ImpactRenderer.render(model: model, frames: frames(40), seed: 0)
        #expect(model.advances == [15, 15, 10])
        #expect(audio[0..<75].allSatisfy { $0 == 0 })
        for chunk in 1...2 {
            let head = chunk * 15 * 5
            for offset in 0..<5 {
                let weight = Float(offset) / 4
                let expected = Float(chunk - 1) * (1 - weight) + Float(chunk) * weight
                #expect(abs(audio[head + offset] - expected) <= 1e-6, "chunk \(chunk) offset \(offset)")
            }
            #expect(audio[(head + 5)..<min(head + 75, audio.count)].allSatisfy { $0 == Float(chunk) })
        }
    }

    @Test func customPlanWithoutOverlapConcatenates() throws {
        let plan = try ChunkPlan(framesPerChunk: 4, hop: 4)
        let model = FakeImpactModel(samplesPerFrame: 2, behaviour: .callIndex)
        let audio = try ImpactRenderer.render(model: model, frames: frames(10), seed: 0, plan: plan)
        #expect(audio == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2])
    }

    @Test func progressRisesToOne() throws {
        var reports: [Double] = []
        _ = try ImpactRenderer.render(model: FakeImpactModel(), frames: frames(46), seed: 0) { reports.append($0) }
        #expect(reports.count == 3)
        #expect(reports == reports.sorted())
        #expect(reports.last == 1)
    }

    @Test func nanFromTheModelIsAModelFailure() {
        let model = FakeImpactModel(behaviour: .nan(atCall: 1))
        #expect(throws: NeuroError.self) { try ImpactRenderer.render(model: model, frames: frames(40), seed: 0) }
        do {
            _ = try ImpactRenderer.render(model: model, frames: frames(40), seed: 0)
        } catch {
            #expect(error.kind == .modelFailure)
            #expect(error.message.contains("NaN"))
        }
    }

    @Test func modelErrorsPropagate() {
        let model = FakeImpactModel(behaviour: .throwing(atCall: 0))
        #expect(throws: NeuroError(.modelFailure, "fake: failing on purpose at call 0")) {
            try ImpactRenderer.render(model: model, frames: frames(20), seed: 0)
        }
    }

    @Test func chunkLargerThanTheModelAcceptsIsInvalidData() {
        let model = FakeImpactModel(maxFramesPerCall: 8)
        do {
            _ = try ImpactRenderer.render(model: model, frames: frames(20), seed: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidData)
        }
        #expect((try? ImpactRenderer.render(model: model, frames: frames(8), seed: 0))?.count == 32)
    }
}
