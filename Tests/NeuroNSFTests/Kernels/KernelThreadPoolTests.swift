import Foundation
import NeuroNSF
import Synchronization
import Testing
import NeuroCore

@Suite struct KernelThreadPoolTests {
    @Test(arguments: [1, 2, 3])
    func runsEveryTaskExactlyOnce(threadCount: Int) throws {
        let pool = try KernelThreadPool(threadCount: threadCount)
        for taskCount in [0, 1, 2, 5, 17] {
            // Each task writes only its own slot; parallelFor's completion orders the reads below.
            let counts = AlignedFloatBuffer(count: taskCount)
            for _ in 0..<3 {
                pool.parallelFor(taskCount) { task in counts.baseAddress[task] += 1 }
            }
            #expect((0..<taskCount).allSatisfy { counts[$0] == 3 }, "\(threadCount) threads, \(taskCount) tasks")
        }
    }

    @Test func survivesManyBackToBackJobsAndIdlePauses() throws {
        let pool = try KernelThreadPool(threadCount: 2)
        let counts = AlignedFloatBuffer(count: 2)
        for round in 0..<3000 {
            pool.parallelFor(2) { task in counts.baseAddress[task] += 1 }
            if round % 1000 == 999 {
                // Long enough for the worker to stop spinning and sleep on its semaphore.
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        #expect(counts[0] == 3000 && counts[1] == 3000)
    }

    /// Both tasks must be running at once: each arrives, then waits for the other. A pool that ran
    /// the tasks one after the other would leave the first one waiting until its time-out.
    @Test func runsTasksConcurrently() throws {
        let pool = try KernelThreadPool(threadCount: 2)
        let arrivals = Atomic<Int>(0)
        let metPartner = AlignedFloatBuffer(count: 2)
        let clock = ContinuousClock()
        pool.parallelFor(2) { task in
            arrivals.add(1, ordering: .sequentiallyConsistent)
            let deadline = clock.now.advanced(by: .seconds(10))
            while arrivals.load(ordering: .sequentiallyConsistent) < 2, clock.now < deadline {}
            metPartner.baseAddress[task] = arrivals.load(ordering: .sequentiallyConsistent) == 2 ? 1 : 0
        }
        #expect(metPartner[0] == 1 && metPartner[1] == 1)
    }

    @Test func rejectsUnusableThreadCounts() {
        #expect(throws: NeuroError.self) { try KernelThreadPool(threadCount: 0) }
        #expect(throws: NeuroError.self) { try KernelThreadPool(threadCount: 65) }
    }

    @Test func threadedConvMatchesSingleThreaded() throws {
        let channels = 32
        let dilation = 4
        let rowCount = 77
        let history = 2 * dilation
        var data = SplitMix64(seed: 3)
        let weights = try PackedConvWeights(pytorch: data.floats(channels * channels * 3, in: -0.2...0.2), channels: channels)
        let input = AlignedFloatBuffer(copying: data.floats((history + rowCount) * channels, in: -1...1))
        let context = AlignedFloatBuffer(copying: data.floats(rowCount * channels, in: -1...1))
        let single = AlignedFloatBuffer(count: rowCount * channels)
        let threaded = AlignedFloatBuffer(count: rowCount * channels)
        ConvKernels.residualDilatedConvTanh(
            input: input.baseAddress + history * channels, context: context.baseAddress, output: single.baseAddress,
            rowCount: rowCount, channels: channels, dilation: dilation, weights: weights)
        ConvKernels.residualDilatedConvTanh(
            input: input.baseAddress + history * channels, context: context.baseAddress, output: threaded.baseAddress,
            rowCount: rowCount, channels: channels, dilation: dilation, weights: weights,
            pool: try KernelThreadPool(threadCount: 2))
        #expect((0..<single.count).allSatisfy { single[$0] == threaded[$0] })
    }
}
