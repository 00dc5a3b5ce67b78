import Testing
@testable import NeuroCore

@Suite struct ImpactPlayerTests {
    /// Writes `samples` into a free slot as impact `id`, publishes `ready` of them, and makes it current.
    @discardableResult
    private func publish(_ samples: [Float], id: Int, in cache: ImpactCache, ready: Int? = nil) -> Int {
        let slot = cache.handle.claimSlot(for: id, length: samples.count, excluding: [])!
        let storage = cache.handle.mutableSamples(slot: slot, length: samples.count)
        for (index, sample) in samples.enumerated() { storage[index] = sample }
        cache.handle.publishReady(slot: slot, count: ready ?? samples.count)
        cache.handle.publishCurrent(ImpactCache.Reference(slot: slot, id: id))
        return slot
    }

    private func render(
        _ player: inout ImpactPlayer, count: Int, volume: Float = 1
    ) -> (samples: [Float], underruns: Int, lateStarts: Int) {
        var output = [Float](repeating: .nan, count: count)
        var span = output.mutableSpan
        let stalls = player.render(into: &span, targetVolume: volume)
        _ = consume span
        return (output, stalls.underruns, stalls.lateStarts)
    }

    private func ramp(_ count: Int) -> [Float] { (1...count).map(Float.init) }

    @Test func gateStartsAtTheRequestedOffsetAndContinuesAcrossPeriods() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        publish(ramp(20), id: 1, in: cache)
        var player = ImpactPlayer(cache: cache)
        let started = player.start(velocity: 1, atOffset: 3)
        #expect(started)
        #expect(render(&player, count: 8).samples == [0, 0, 0, 1, 2, 3, 4, 5])
        #expect(render(&player, count: 4).samples == [6, 7, 8, 9])
    }

    @Test func offsetBeyondThePeriodCarriesIntoTheNextOne() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        publish(ramp(8), id: 1, in: cache)
        var player = ImpactPlayer(cache: cache)
        player.start(velocity: 1, atOffset: 6)
        #expect(render(&player, count: 4).samples == [0, 0, 0, 0])
        #expect(render(&player, count: 4).samples == [0, 0, 1, 2])
    }

    @Test func velocityScalesAndNothingPlaysWithoutAnImpact() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        var player = ImpactPlayer(cache: cache)
        let startedWithoutImpact = player.start(velocity: 1)
        #expect(!startedWithoutImpact)
        #expect(render(&player, count: 4).samples == [0, 0, 0, 0])
        publish(ramp(4), id: 1, in: cache)
        player.start(velocity: 0.5)
        #expect(render(&player, count: 4).samples == [0.5, 1, 1.5, 2])
        player.start(velocity: .nan)
        #expect(render(&player, count: 4).samples == [0, 0, 0, 0])
    }

    @Test func voiceEndsWithTheImpactAndReleasesItsSlot() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        let slot = publish(ramp(5), id: 1, in: cache)
        var player = ImpactPlayer(cache: cache)
        player.start(velocity: 1)
        #expect(cache.handle.pinCount(slot: slot) == 1)
        #expect(render(&player, count: 8).samples == [1, 2, 3, 4, 5, 0, 0, 0])
        let active = player.activeVoiceCount
        #expect(active == 0)
        #expect(cache.handle.pinCount(slot: slot) == 0)
    }

    @Test func lateGenerationPlaysSilenceCountsAnUnderrunAndResumes() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        let slot = publish(ramp(10), id: 1, in: cache, ready: 3)
        var player = ImpactPlayer(cache: cache)
        player.start(velocity: 1)
        let first = render(&player, count: 6)
        #expect(first.samples == [1, 2, 3, 0, 0, 0])
        #expect(first.underruns == 1)
        #expect(render(&player, count: 2).underruns == 1)
        cache.handle.publishReady(slot: slot, count: 10)
        let resumed = render(&player, count: 8)
        #expect(resumed.samples == [4, 5, 6, 7, 8, 9, 10, 0])
        #expect(resumed.underruns == 0)
        #expect(first.lateStarts == 0 && resumed.lateStarts == 0)
    }

    @Test func aVoiceWaitingForItsFirstSampleIsALateStartNotAnUnderrun() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        let slot = publish(ramp(10), id: 1, in: cache, ready: 0)
        var player = ImpactPlayer(cache: cache)
        player.start(velocity: 1, atOffset: 2)
        let waiting = render(&player, count: 4)
        #expect(waiting.samples == [0, 0, 0, 0])
        #expect(waiting.lateStarts == 1 && waiting.underruns == 0)
        cache.handle.publishReady(slot: slot, count: 2)
        let started = render(&player, count: 4)
        #expect(started.samples == [1, 2, 0, 0])
        #expect(started.underruns == 1 && started.lateStarts == 0)  // it has sounded: now a gap
    }

    @Test func oldestVoiceIsStolenWithADeclickFade() {
        let cache = ImpactCache(slotCount: 4, slotCapacity: 64)
        var player = ImpactPlayer(cache: cache, voiceCount: 2, declickSampleCount: 4)
        let first = publish([Float](repeating: 1, count: 32), id: 1, in: cache)
        player.start(velocity: 1)
        publish([Float](repeating: 10, count: 32), id: 2, in: cache)
        player.start(velocity: 1)
        publish([Float](repeating: 100, count: 32), id: 3, in: cache)
        player.start(velocity: 1)
        let active = player.activeVoiceCount
        #expect(active == 2)
        #expect(render(&player, count: 8).samples == [111, 110.75, 110.5, 110.25, 110, 110, 110, 110])
        #expect(cache.handle.pinCount(slot: first) == 0)
    }

    @Test func retriggerOfOneVoiceRestartsTheImpactUnderTheFadingTail() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        let slot = publish(ramp(16), id: 1, in: cache)
        var player = ImpactPlayer(cache: cache, voiceCount: 1, declickSampleCount: 2)
        player.start(velocity: 1)
        #expect(render(&player, count: 4).samples == [1, 2, 3, 4])
        player.start(velocity: 1, atOffset: 1)
        #expect(cache.handle.pinCount(slot: slot) == 2)
        // The tail continues 5, 6 at gains 1 and 0.5 (then stops); the restart 1, 2, 3 begins one sample later.
        #expect(render(&player, count: 4).samples == [5, 3 + 1, 2, 3])
        #expect(cache.handle.pinCount(slot: slot) == 1)
    }

    @Test func aFadingTailKeepsFadingWhenItsVoiceStartsAgain() {
        let cache = ImpactCache(slotCount: 4, slotCapacity: 64)
        var player = ImpactPlayer(cache: cache, voiceCount: 1, declickSampleCount: 4)
        publish([Float](repeating: 1, count: 32), id: 1, in: cache)
        player.start(velocity: 1)
        #expect(render(&player, count: 2).samples == [1, 1])
        publish([10, 10], id: 2, in: cache)
        player.start(velocity: 1)
        // Impact 2 ends after two samples; impact 1 is still fading out at gain 0.5.
        #expect(render(&player, count: 2).samples == [11, 10.75])
        publish([Float](repeating: 100, count: 32), id: 3, in: cache)
        player.start(velocity: 1)
        #expect(render(&player, count: 3).samples == [100.5, 100.25, 100])
    }

    @Test func volumeGlidesToItsTarget() {
        let cache = ImpactCache(slotCount: 2, slotCapacity: 64)
        publish([Float](repeating: 1, count: 32), id: 1, in: cache)
        var player = ImpactPlayer(cache: cache, volumeRampSampleCount: 4)
        player.start(velocity: 1)
        #expect(render(&player, count: 4, volume: 0.5).samples == [0.75, 0.5, 0.5, 0.5])
        #expect(render(&player, count: 2, volume: .nan).samples == [0.5, 0.5])
        #expect(render(&player, count: 3, volume: 7).samples == [0.75, 1, 1])
    }

    @Test func pinnedSlotsAreNeverReclaimedAndReclaimedSlotsAreNeverPinned() {
        let cache = ImpactCache(slotCount: 1, slotCapacity: 8)
        let slot = publish(ramp(4), id: 1, in: cache)
        var player = ImpactPlayer(cache: cache)
        player.start(velocity: 1)
        #expect(cache.handle.claimSlot(for: 2, length: 4, excluding: []) == nil)
        _ = render(&player, count: 8)
        #expect(cache.handle.claimSlot(for: 2, length: 4, excluding: []) == slot)
        // The published reference still names impact 1, whose slot now holds impact 2.
        let startedStale = player.start(velocity: 1)
        #expect(!startedStale)
        #expect(render(&player, count: 4).samples == [0, 0, 0, 0])
    }
}
