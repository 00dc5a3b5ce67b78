import Foundation
import Testing
@testable import NeuroCore

@Suite struct SPSCRingBufferTests {
    /// Shares one ring between a producer and a consumer thread.
    private final class SharedRing: Sendable {
        let ring: SPSCRingBuffer
        init(minimumCapacity: Int, startCursor: Int) {
            ring = SPSCRingBuffer(minimumCapacity: minimumCapacity, startCursor: startCursor)
        }
    }

    @Test func capacityIsRoundedUpToAPowerOfTwo() {
        #expect(SPSCRingBuffer(minimumCapacity: 1).capacity == 1)
        #expect(SPSCRingBuffer(minimumCapacity: 5).capacity == 8)
        #expect(SPSCRingBuffer(minimumCapacity: 8).capacity == 8)
        let ring = SPSCRingBuffer(minimumCapacity: 100)
        #expect(ring.capacity == 128 && ring.freeCapacity == 128 && ring.availableToRead == 0 && !ring.isFull)
    }

    @Test func everyWrapAroundOffsetKeepsOrderAndCounts() {
        for start in [0, 1, 2, 3, 4, 5, 6, 7, Int.max - 3] {
            for firstWrite in 0...10 {
                let ring = SPSCRingBuffer(minimumCapacity: 8, startCursor: start)
                let input = (0..<firstWrite).map(Float.init)
                let written = ring.write(input.span)
                #expect(written == min(firstWrite, 8), "start \(start), write \(firstWrite)")
                #expect(ring.availableToRead == written && ring.freeCapacity == 8 - written)
                #expect(ring.isFull == (written == 8))

                var output = [Float](repeating: -1, count: 3)
                var span = output.mutableSpan
                let firstRead = ring.read(into: &span)
                _ = consume span
                #expect(firstRead == min(written, 3))
                #expect(Array(output[0..<firstRead]) == Array(input[0..<firstRead]))
                #expect(output[firstRead...].allSatisfy { $0 == -1 })

                let more = (100..<106).map(Float.init)
                let secondWrite = ring.write(more.span)
                #expect(secondWrite == min(6, 8 - written + firstRead))

                var rest = [Float](repeating: -1, count: 16)
                var restSpan = rest.mutableSpan
                let restRead = ring.read(into: &restSpan)
                _ = consume restSpan
                let expected = Array(input[firstRead..<written]) + Array(more[0..<secondWrite])
                #expect(Array(rest[0..<restRead]) == expected, "start \(start), write \(firstWrite)")
                #expect(ring.availableToRead == 0 && ring.freeCapacity == 8)
            }
        }
    }

    @Test(arguments: [0, Int.max - 5_000])
    func concurrentProducerAndConsumerLoseAndDuplicateNothing(startCursor: Int) {
        let total = 200_000
        let shared = SharedRing(minimumCapacity: 64, startCursor: startCursor)
        let producerDone = DispatchSemaphore(value: 0)
        let producer = Thread {
            var next = 0
            var chunkSize = 1
            var chunk = [Float](repeating: 0, count: 97)
            while next < total {
                let count = min(chunkSize, total - next)
                for offset in 0..<count { chunk[offset] = Float(next + offset) }
                let written = shared.ring.write(chunk.span.extracting(0..<count))
                next += written
                chunkSize = chunkSize % 97 + 1
                if written == 0 { sched_yield() }
            }
            producerDone.signal()
        }
        producer.start()

        var expected = 0
        var mismatches = 0
        var readSize = 1
        while expected < total {
            var buffer = [Float](repeating: -1, count: readSize)
            var span = buffer.mutableSpan
            let read = shared.ring.read(into: &span)
            _ = consume span
            for offset in 0..<read where buffer[offset] != Float(expected + offset) { mismatches += 1 }
            expected += read
            readSize = readSize % 61 + 1
            if read == 0 { sched_yield() }
        }
        producerDone.wait()
        #expect(expected == total)
        #expect(mismatches == 0)
        #expect(shared.ring.availableToRead == 0)
    }
}
