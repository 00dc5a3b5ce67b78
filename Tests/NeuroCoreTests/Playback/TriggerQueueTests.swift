import Foundation
import Testing
@testable import NeuroCore

@Suite struct TriggerQueueTests {
    @Test func keepsOrderAndRefusesWhenFull() {
        var queue = TriggerQueue(minimumCapacity: 3)
        let capacity = queue.capacity
        #expect(capacity == 4)
        var accepted: [Bool] = []
        for index in 0..<5 { accepted.append(queue.push(velocity: Float(index) / 4, offset: index)) }
        #expect(accepted == [true, true, true, true, false])
        var popped: [TriggerQueue.Trigger?] = []
        for _ in 0..<5 { popped.append(queue.pop()) }
        #expect(popped == (0..<4).map { .init(velocity: Float($0) / 4, offset: $0) } + [nil])
        let reused = queue.push(velocity: 1, offset: -5, cents: -1_200)
        let clamped = queue.pop()
        #expect(reused && clamped == .init(velocity: 1, offset: 0, cents: -1_200))
        _ = queue.push(velocity: 0.3, offset: 70_000, cents: 99_999)
        #expect(queue.pop() == .init(velocity: 0.3, offset: 65_535, cents: 32_767))
    }

    @Test func manyProducersLoseNothingTheConsumerHasRoomFor() async {
        let box = QueueBox()
        let producers = 4, perProducer = 5_000
        await withTaskGroup(of: Int.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    var refused = 0
                    for index in 0..<perProducer where !box.queue.push(velocity: Float(producer), offset: index) { refused += 1 }
                    return refused
                }
            }
            var received = [Int](repeating: 0, count: producers)
            var lastOffset = [Int](repeating: -1, count: producers)
            var inOrder = true
            var refused = 0
            var finished = 0
            while finished < producers || box.hasPending {
                if let trigger = box.pop() {
                    let producer = Int(trigger.velocity)
                    inOrder = inOrder && trigger.offset > lastOffset[producer]
                    lastOffset[producer] = trigger.offset
                    received[producer] += 1
                } else if let result = await group.next() {
                    refused += result
                    finished += 1
                }
            }
            #expect(inOrder)
            #expect(received.reduce(0, +) + refused == producers * perProducer)
        }
    }
}

/// A queue shared by test tasks (the consumer side is used by one task only).
private final class QueueBox: @unchecked Sendable {
    var queue = TriggerQueue(minimumCapacity: 256)
    private var peeked: TriggerQueue.Trigger?

    var hasPending: Bool {
        if peeked == nil { peeked = queue.pop() }
        return peeked != nil
    }

    func pop() -> TriggerQueue.Trigger? {
        if let trigger = peeked {
            peeked = nil
            return trigger
        }
        return queue.pop()
    }
}
