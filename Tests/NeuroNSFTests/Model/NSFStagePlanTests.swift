import Testing
import NeuroCore
@testable import NeuroNSF

/// ``NSFStagePlan``: balanced contiguous stages, layer-granular cuts, the automatic choice.
@Suite struct NSFStagePlanTests {
    /// The reference model's shape: 5 harmonic blocks of 10 layers, 1 noise block of 5, 64 channels.
    private static let reference = NSFConfig(
        sampleRate: 22_050, samplesPerFrame: 512, hiddenDimension: 64, source: SmallNSFModel.config().source,
        filter: .init(
            harmonicDilations: (0..<10).map { 1 << $0 }, noiseDilations: (0..<5).map { 1 << $0 }, harmonicBlockCount: 5,
            noiseBlockCount: 1, feedForwardDimensions: [1, 64, 16, 1], sincOrder: 31, blockScale: 0.1))

    @Test func balancedStagesMinimiseTheLargestStageOverEveryContiguousSplit() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let costs = (0..<Int(random.next() % 7 + 1)).map { _ in Int(random.next() % 50) }
            for count in 1...costs.count {
                let stages = NSFStagePlan.balancedStages(costs: costs, count: count)
                #expect(stages.count == count && stages.allSatisfy { !$0.isEmpty })
                #expect(stages.first?.lowerBound == 0 && stages.last?.upperBound == costs.count)
                #expect(zip(stages, stages.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                let largest = stages.map { costs[$0].reduce(0, +) }.max()!
                #expect(largest == Self.bestLargestStage(costs[...], count: count), "\(costs) in \(count)")
            }
        }
    }

    /// The smallest largest-stage sum over all contiguous splits, by trying them all.
    private static func bestLargestStage(_ costs: ArraySlice<Int>, count: Int) -> Int {
        guard count > 1 else { return costs.reduce(0, +) }
        return (costs.startIndex + 1...costs.endIndex - count + 1).map { cut in
            max(costs[..<cut].reduce(0, +), bestLargestStage(costs[cut...], count: count - 1))
        }.min()!
    }

    @Test func unitsCutTheBlocksIntoLayersAndMergingJoinsThemAgain() {
        let config = Self.reference
        let units = NSFStagePlan.units(of: config)
        #expect(units.count == 1 + 5 + 50 + 1)
        #expect(units[1] == .block(.noise, 0, layers: 0..<1) && units[6] == .block(.harmonic, 0, layers: 0..<1))
        #expect(NSFStagePlan.merged(units) == NSFStagePlan.steps(of: config))
        #expect(NSFFrameStep.block(.harmonic, 1, layers: 0..<3).joined(with: .block(.harmonic, 2, layers: 3..<4)) == nil)
        #expect(NSFFrameStep.block(.noise, 0, layers: 0..<2).joined(with: .block(.harmonic, 0, layers: 2..<3)) == nil)
    }

    @Test func theReferenceModelPipelinesOnTwoAndFourThreadsWithStagesWithinTenPercent() {
        for threads in [2, 4] {
            let plan = NSFStagePlan(config: Self.reference, threadCount: threads)
            #expect(!plan.splitsRows && plan.stages.count == threads)
            #expect(plan.stages.flatMap { $0 }.count >= threads + 4, "blocks joined back, cuts inside blocks")
            let costs = plan.stages.map { $0.map { NSFStagePlan.estimatedCost(of: $0, config: Self.reference) }.reduce(0, +) }
            #expect(Double(costs.max()!) <= 1.1 * Double(costs.reduce(0, +)) / Double(threads), "\(threads) threads: \(costs)")
            if threads == 2 {
                #expect(plan.stages[1].first == .block(.harmonic, 2, layers: 2..<10), "\(plan.stages)")
            }
            // Every step appears once, in data-path order.
            #expect(NSFStagePlan.merged(plan.stages.flatMap { $0 }) == NSFStagePlan.steps(of: Self.reference))
        }
    }

    @Test func fewStepsForManyThreadsSplitTheRowsInstead() {
        let small = SmallNSFModel.config()
        let plan = NSFStagePlan(config: small, threadCount: 10)
        #expect(plan.splitsRows && plan.stages == [NSFStagePlan.steps(of: small)])
        #expect(NSFStagePlan(config: small, threadCount: 1) == .sequential(small))
        #expect(NSFStagePlan(config: small, threadCount: 4, sharing: .framePipeline).stages.count == 4)
        #expect(NSFStagePlan(config: Self.reference, threadCount: 2, sharing: .layerRows).splitsRows)
    }
}
