import Synchronization
import Testing
@testable import NeuroNSF

/// ``KernelThreadPool/pipeline(stageCount:itemCount:inFlight:_:)``: every stage sees every item
/// once, items pass the stages in order, at most `inFlight` items are in the pipeline, and the
/// stages really overlap.
@Suite struct KernelPipelineTests {
    /// The moments (a shared tick counter) each stage started and finished each item.
    private final class Timeline: @unchecked Sendable {
        let clock = Atomic<Int>(0)
        let itemCount: Int
        // Raw storage: each (stage, item) writes only its own entries (an array property mutated
        // from several threads would be an exclusivity conflict); the pipeline's return orders the reads.
        let starts: UnsafeMutableBufferPointer<Int>
        let ends: UnsafeMutableBufferPointer<Int>
        let runs: UnsafeMutableBufferPointer<Int>

        init(stageCount: Int, itemCount: Int) {
            self.itemCount = itemCount
            starts = .allocate(capacity: stageCount * itemCount)
            ends = .allocate(capacity: stageCount * itemCount)
            runs = .allocate(capacity: stageCount * itemCount)
            for buffer in [starts, ends, runs] {
                buffer.initialize(repeating: 0)
            }
        }

        deinit {
            for buffer in [starts, ends, runs] {
                buffer.deallocate()
            }
        }

        func record(stage: Int, item: Int, work: () -> Void) {
            let index = stage * itemCount + item
            runs[index] += 1
            starts[index] = clock.add(1, ordering: .sequentiallyConsistent).newValue
            work()
            ends[index] = clock.add(1, ordering: .sequentiallyConsistent).newValue
        }

        func start(_ stage: Int, _ item: Int) -> Int { starts[stage * itemCount + item] }
        func end(_ stage: Int, _ item: Int) -> Int { ends[stage * itemCount + item] }
    }

    @Test(arguments: [(1, 1), (2, 1), (2, 3), (3, 4)])
    func itemsPassTheStagesInOrderWithinTheInFlightLimit(stageCount: Int, inFlight: Int) throws {
        let pool = try KernelThreadPool(threadCount: 3)
        for itemCount in [0, 1, 7, 40] {
            let timeline = Timeline(stageCount: stageCount, itemCount: itemCount)
            pool.pipeline(stageCount: stageCount, itemCount: itemCount, inFlight: inFlight) { stage, item in
                timeline.record(stage: stage, item: item) {
                    var spin = 0
                    for value in 0..<(1000 * (stage + 1)) { spin &+= value }
                    _ = spin
                }
            }
            let label = "\(stageCount) stages, \(itemCount) items, \(inFlight) in flight"
            #expect(timeline.runs.allSatisfy { $0 == 1 }, "\(label)")
            for stage in 0..<stageCount {
                for item in 0..<itemCount {
                    if item > 0 {
                        #expect(timeline.start(stage, item) > timeline.end(stage, item - 1), "\(label): stage order")
                    }
                    if stage > 0 {
                        #expect(timeline.start(stage, item) > timeline.end(stage - 1, item), "\(label): item order")
                    }
                }
            }
            for item in inFlight..<max(itemCount, inFlight) {
                #expect(timeline.start(0, item) > timeline.end(stageCount - 1, item - inFlight), "\(label): in flight")
            }
        }
    }

    /// Two stages that each wait for the other to have started an item: a pool that ran the
    /// stages one after the other would never let the first stage see the second one start.
    @Test func theStagesWorkOnDifferentItemsAtOnce() throws {
        let pool = try KernelThreadPool(threadCount: 2)
        let secondStageStarted = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        let clock = ContinuousClock()
        pool.pipeline(stageCount: 2, itemCount: 3, inFlight: 2) { stage, item in
            if stage == 1 {
                secondStageStarted.store(item + 1, ordering: .sequentiallyConsistent)
            } else if item == 1 {
                // Stage 1 works on item 0 while stage 0 holds item 1.
                let deadline = clock.now.advanced(by: .seconds(10))
                while secondStageStarted.load(ordering: .sequentiallyConsistent) == 0, clock.now < deadline {}
                overlapped.store(secondStageStarted.load(ordering: .sequentiallyConsistent) == 1, ordering: .sequentiallyConsistent)
            }
        }
        let didOverlap = overlapped.load(ordering: .sequentiallyConsistent)
        #expect(didOverlap)
    }
}
