import Synchronization

/// Preallocated storage for generated impacts, shared by the generation thread and the audio thread.
///
/// The cache has a fixed number of slots, each holding up to ``slotCapacity`` samples of one
/// impact. The generation thread writes an impact into a free slot chunk by chunk and publishes
/// how many samples are final; it publishes one impact as the *current* one, the impact a gate
/// plays. Voices on the audio thread pin the slot they play, so a slot is never rewritten while
/// anyone still reads it, and a voice never plays samples of another impact.
///
/// All memory is allocated in `init` and freed in `deinit`. Threads use it through ``Handle``,
/// a trivial view that carries no reference count; the owner must keep the cache alive while
/// any handle is in use.
///
/// ### Implementation Notes
/// Per slot, one atomic word holds `impactID << 20 | users`. The generator claims a free slot for
/// a new impact with one compare-and-swap from `(oldID, 0 users)` to `(newID, 0 users)`; a voice
/// pins a slot with a compare-and-swap from `(id, n)` to `(id, n + 1)` that fails once the id
/// changed. Both act on the same word, so a claim and a pin can never both succeed. The number of
/// final samples is published with a releasing store after they are written.
package final class ImpactCache: @unchecked Sendable {
    /// The number of impact slots.
    package let slotCount: Int
    /// Samples each slot holds (the longest impact, in samples).
    package let slotCapacity: Int
    /// The view the generation and audio threads work through.
    let handle: Handle

    /// Allocates `slotCount` slots of `slotCapacity` samples each, all empty.
    ///
    /// - Important: Not real-time: allocates.
    /// - Precondition: `1 ≤ slotCount ≤ 255`, `slotCapacity ≥ 1`.
    package init(slotCount: Int, slotCapacity: Int) {
        precondition((1...Handle.maxSlotCount).contains(slotCount), "an impact cache has 1…255 slots")
        precondition(slotCapacity >= 1, "an impact slot holds at least one sample")
        self.slotCount = slotCount
        self.slotCapacity = slotCapacity
        let samples = UnsafeMutablePointer<Float>.allocate(capacity: slotCount * slotCapacity)
        unsafe samples.initialize(repeating: 0, count: slotCount * slotCapacity)
        let words = AtomicWords.allocate(Handle.wordsPerSlot * slotCount + 1, value: 0)
        handle = Handle(slotCount: slotCount, slotCapacity: slotCapacity, samples: samples, words: words)
    }

    deinit {
        AtomicWords.free(handle.words, count: Handle.wordsPerSlot * slotCount + 1)
        unsafe handle.samples.deallocate()
    }

    /// Final samples and total length of the current impact (the one a gate plays); `nil` before the first.
    ///
    /// A snapshot for status displays and waiting loops; real-time safe.
    package var currentImpactProgress: (generated: Int, length: Int)? {
        guard let impact = handle.currentImpact() else { return nil }
        let (_, ready, length) = handle.readySamples(impact)
        return (ready, length)
    }

    /// One published impact: the slot it lives in and its identity.
    struct Reference: Equatable {
        /// The slot index.
        var slot: Int
        /// The impact's unique id (≥ 1).
        var id: Int
    }

    /// A trivial, reference-count-free view of the cache's memory.
    ///
    /// Generation-side methods are called by the generation thread only; audio-side methods are
    /// real-time safe and called by the audio thread only.
    struct Handle: @unchecked Sendable {
        static let maxSlotCount = 255
        private static let userBits = 20
        private static let userMask = (1 << userBits) - 1

        let slotCount: Int
        let slotCapacity: Int
        let samples: UnsafeMutablePointer<Float>
        /// `slotCount` slot states, `slotCount` final-sample counts, `slotCount` lengths, then the current reference.
        let words: UnsafeMutablePointer<Atomic<Int>>

        private func state(_ slot: Int) -> UnsafeMutablePointer<Atomic<Int>> { unsafe words + slot }
        private func readyCount(_ slot: Int) -> UnsafeMutablePointer<Atomic<Int>> { unsafe words + slotCount + slot }
        private func lengthWord(_ slot: Int) -> UnsafeMutablePointer<Atomic<Int>> { unsafe words + 2 * slotCount + slot }
        private func transpositionWord(_ slot: Int) -> UnsafeMutablePointer<Atomic<Int>> { unsafe words + 3 * slotCount + slot }
        private var currentWord: UnsafeMutablePointer<Atomic<Int>> { unsafe words + Self.wordsPerSlot * slotCount }
        /// Atomic words per slot: state, ready count, length, transposition.
        static let wordsPerSlot = 4

        // MARK: Generation thread

        /// Claims a slot nobody plays for the new impact `id` with room for `length` samples,
        /// generated at a transposition of `cents` (see ``transposition(of:)``).
        ///
        /// The slots in `excluded` (the current impact's and those still being generated) are skipped.
        /// Returns `nil` when every other slot is still being played.
        func claimSlot(for id: Int, length: Int, transposition cents: Int = 0, excluding excluded: [Int]) -> Int? {
            precondition(length <= slotCapacity, "impact of \(length) samples exceeds the slot capacity \(slotCapacity)")
            for slot in 0..<slotCount where !excluded.contains(slot) {
                let observed = unsafe state(slot).pointee.load(ordering: .relaxed)
                guard observed & Self.userMask == 0 else { continue }
                // Acquire pairs with the releasing unpin of the last voice: its reads finished before we write.
                let (exchanged, _) = unsafe state(slot).pointee.compareExchange(
                    expected: observed, desired: id << Self.userBits, ordering: .acquiring)
                guard exchanged else { continue }
                // Nobody can pin the new id before it is published as current, so relaxed stores suffice.
                unsafe readyCount(slot).pointee.store(0, ordering: .relaxed)
                unsafe lengthWord(slot).pointee.store(length, ordering: .relaxed)
                unsafe transpositionWord(slot).pointee.store(cents, ordering: .relaxed)
                return slot
            }
            return nil
        }

        /// The writable samples of `slot`, `length` of them.
        func mutableSamples(slot: Int, length: Int) -> UnsafeMutableBufferPointer<Float> {
            unsafe UnsafeMutableBufferPointer(start: samples + slot * slotCapacity, count: length)
        }

        /// Publishes that the first `count` samples of `slot` are final.
        func publishReady(slot: Int, count: Int) {
            // Release pairs with the acquiring load in `readySamples`: the samples are visible first.
            unsafe readyCount(slot).pointee.store(count, ordering: .releasing)
        }

        /// Ends the impact in `slot` at its final samples (after a generation failure).
        func truncateToReady(slot: Int) {
            let ready = unsafe readyCount(slot).pointee.load(ordering: .relaxed)
            // Release pairs with the acquiring load in `readySamples`.
            unsafe lengthWord(slot).pointee.store(ready, ordering: .releasing)
        }

        /// Makes `reference` the impact a gate plays.
        func publishCurrent(_ reference: Reference) {
            // Release pairs with the acquiring load in `currentImpact`: the claim happened first.
            unsafe currentWord.pointee.store(reference.id << 8 | reference.slot, ordering: .releasing)
        }

        // MARK: Audio thread (real-time safe)

        /// The impact a gate plays now, if any.
        @_noLocks @_noAllocation
        func currentImpact() -> Reference? {
            // Acquire pairs with the releasing store in `publishCurrent`.
            let word = unsafe currentWord.pointee.load(ordering: .acquiring)
            return word == 0 ? nil : Reference(slot: word & 0xFF, id: word >> 8)
        }

        /// Pins the current impact so its slot is not reused, and returns it; `nil` if there is none.
        @_noLocks @_noAllocation
        func pinCurrent() -> Reference? {
            for _ in 0..<2 {
                guard let reference = currentImpact() else { return nil }
                if pin(reference) { return reference }
            }
            return nil
        }

        /// Pins `reference` unless its slot already holds another impact.
        @_noLocks @_noAllocation
        func pin(_ reference: Reference) -> Bool {
            var observed = unsafe state(reference.slot).pointee.load(ordering: .relaxed)
            while observed >> Self.userBits == reference.id {
                // Acquire pairs with the claim: the reset ready count and length are visible.
                let (exchanged, original) = unsafe state(reference.slot).pointee.compareExchange(
                    expected: observed, desired: observed + 1, ordering: .acquiring)
                if exchanged { return true }
                observed = original
            }
            return false
        }

        /// Releases a pin taken by ``pin(_:)`` or ``pinCurrent()``.
        @_noLocks @_noAllocation
        func unpin(_ reference: Reference) {
            // Release pairs with the acquiring claim: our sample reads happen before any rewrite.
            unsafe state(reference.slot).pointee.subtract(1, ordering: .releasing)
        }

        /// The pinned impact's final samples and total length (`ready ≤ length`).
        @_noLocks @_noAllocation
        func readySamples(_ reference: Reference) -> (samples: UnsafePointer<Float>, ready: Int, length: Int) {
            // Acquire pairs with `publishReady` / `truncateToReady`.
            let length = unsafe lengthWord(reference.slot).pointee.load(ordering: .acquiring)
            let ready = unsafe readyCount(reference.slot).pointee.load(ordering: .acquiring)
            return (unsafe UnsafePointer(samples + reference.slot * slotCapacity), min(ready, length), length)
        }

        /// The transposition in cents the pinned impact was generated at.
        @_noLocks @_noAllocation
        func transposition(of reference: Reference) -> Int {
            // The claim's store is visible through the acquiring pin.
            unsafe transpositionWord(reference.slot).pointee.load(ordering: .relaxed)
        }

        /// The transposition of the current impact, read without pinning it (so it may belong to
        /// an impact that replaced it meanwhile); `nil` before the first impact.
        @_noLocks @_noAllocation
        func currentTransposition() -> Int? {
            guard let reference = currentImpact() else { return nil }
            return unsafe transpositionWord(reference.slot).pointee.load(ordering: .relaxed)
        }

        /// The number of voices pinning `slot` (for tests and diagnostics).
        func pinCount(slot: Int) -> Int {
            unsafe state(slot).pointee.load(ordering: .acquiring) & Self.userMask
        }
    }
}
