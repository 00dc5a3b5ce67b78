import Synchronization

/// The controls that change while the engine plays, as lock-free words: the five CV inputs, the
/// transposition of the last note, the count of regenerate requests and a count of control
/// changes (CVs, transposition, profiles, CV assignment). Written by any thread (the audio thread
/// included), read by the generation thread.
///
/// Like ``ImpactCache``, the class owns the memory and hot paths use its trivial ``Handle``, so
/// a write costs no reference counting. Each CV input is one word,
/// `patched << 32 | volts.bitPattern`, so a reader sees the old or the new value of an input,
/// never a torn one; inputs are independent (a reader may see a new CV3 with an old CV4, which
/// the next chunk corrects).
final class LiveControls: @unchecked Sendable {
    /// The view writers and the generation thread use.
    let handle: Handle

    /// All CV inputs unpatched, no regenerate request.
    init() {
        handle = Handle(
            cvWords: AtomicWords.allocate(CVState.inputCount, value: UInt64(0)), regenerateRequests: AtomicWords.allocate(1, value: 0),
            controlChanges: AtomicWords.allocate(1, value: 0), transposition: AtomicWords.allocate(1, value: 0))
    }

    deinit {
        AtomicWords.free(handle.cvWords, count: CVState.inputCount)
        AtomicWords.free(handle.regenerateRequests, count: 1)
        AtomicWords.free(handle.controlChanges, count: 1)
        AtomicWords.free(handle.transposition, count: 1)
    }

    /// A trivial, reference-count-free view of the control words.
    struct Handle: @unchecked Sendable {
        let cvWords: UnsafeMutablePointer<Atomic<UInt64>>
        let regenerateRequests: UnsafeMutablePointer<Atomic<Int>>
        let controlChanges: UnsafeMutablePointer<Atomic<Int>>
        let transposition: UnsafeMutablePointer<Atomic<Int>>

        /// Sets CV input `index` (1…5) to `volts`, clamped to ``CVState/voltageRange``; NaN
        /// unpatches it; other inputs are ignored.
        ///
        /// - Important: Real-time safe.
        @_noLocks @_noAllocation
        func setCV(_ index: Int, volts: Float) {
            guard index >= 1, index <= CVState.inputCount else { return }
            let word: UInt64
            if volts.isNaN {
                word = 0
            } else {
                word = 1 << 32 | UInt64(CVState.clamped(volts).bitPattern)
            }
            // Release pairs with the acquiring load in `cv`.
            let previous = unsafe cvWords[index - 1].exchange(word, ordering: .releasing)
            if previous != word { noteControlChange() }
        }

        /// Sets the transposition of the impacts generated from now on, in cents (see
        /// ``CVState/transposition``); a new value counts as a control change.
        ///
        /// - Important: Real-time safe.
        @_noLocks @_noAllocation
        func setTransposition(cents: Int) {
            let previous = unsafe transposition.pointee.exchange(cents, ordering: .relaxed)
            if previous != cents { noteControlChange() }
        }

        /// The transposition of the impacts generated from now on, in cents.
        ///
        /// - Important: Real-time safe.
        var transpositionCents: Int {
            @_noLocks @_noAllocation get { unsafe transposition.pointee.load(ordering: .relaxed) }
        }

        /// Counts one change of the controls impacts are generated from.
        ///
        /// - Important: Real-time safe.
        @_noLocks @_noAllocation
        func noteControlChange() {
            // Release pairs with the acquiring load in `controlChangeCount`: the change is visible first.
            unsafe controlChanges.pointee.add(1, ordering: .releasing)
        }

        /// Control changes so far: an impact generated at another count was generated from other controls.
        var controlChangeCount: Int {
            unsafe controlChanges.pointee.load(ordering: .acquiring)
        }

        /// Counts one regenerate request.
        ///
        /// - Important: Real-time safe.
        @_noLocks @_noAllocation
        func requestRegeneration() {
            // Release pairs with the acquiring load in `regenerateRequestCount`.
            unsafe regenerateRequests.pointee.add(1, ordering: .releasing)
        }

        /// Regenerate requests so far.
        var regenerateRequestCount: Int {
            unsafe regenerateRequests.pointee.load(ordering: .acquiring)
        }

        /// The CV inputs as they are now.
        var cv: CVState {
            var state = CVState()
            for index in 1...CVState.inputCount {
                let word = unsafe cvWords[index - 1].load(ordering: .acquiring)
                state[index] = word >> 32 != 0 ? Float(bitPattern: UInt32(truncatingIfNeeded: word)) : nil
            }
            return state
        }
    }
}
