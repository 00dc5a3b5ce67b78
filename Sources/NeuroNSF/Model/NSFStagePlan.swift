/// One piece of the work of a frame of an NSF model, in data-path order.
enum NSFFrameStep: Equatable, Sendable {
    /// The two filter branches (the noise branch does not depend on the harmonic one).
    enum Branch: Equatable, Sendable {
        case noise
        case harmonic
    }

    /// The condition tile, the random draws and the harmonic and noise sources.
    case sources
    /// Convolution layers `layers` of filter block `index` of `branch`; the first part expands
    /// the block's input, the last compresses.
    case block(Branch, Int, layers: Range<Int>)
    /// The sinc filters, which mix the two branches into the frame's output.
    case sincFilters

    /// This block part and `next` as one, when `next` continues it (same block, following layers).
    func joined(with next: NSFFrameStep) -> NSFFrameStep? {
        guard case .block(let branch, let index, let layers) = self, case .block(branch, index, let nextLayers) = next,
            layers.upperBound == nextLayers.lowerBound
        else { return nil }
        return .block(branch, index, layers: layers.lowerBound..<nextLayers.upperBound)
    }
}

extension NSFConfig.Filter {
    /// The number of filter blocks of `branch`.
    func blockCount(of branch: NSFFrameStep.Branch) -> Int {
        branch == .noise ? noiseBlockCount : harmonicBlockCount
    }

    /// The dilations of the convolutions of each block of `branch`.
    func dilations(of branch: NSFFrameStep.Branch) -> [Int] {
        branch == .noise ? noiseDilations : harmonicDilations
    }
}

/// How an NSF model shares the work of its frames between threads.
///
/// Two ways: a pipeline, whose stages are contiguous runs of ``NSFFrameStep``s each on its own
/// thread, working on consecutive frames at once (one hand-over per frame, and every layer's
/// history stays with one core; a stage may end inside a filter block, which then hands its
/// layer rows over in the frame's slot); or a single stage whose convolution layers split their
/// rows over all threads (a hand-over per layer). The pipeline is used when its stages balance:
/// when the estimated speed-up (all the work over the largest stage's) is at least
/// ``pipelineEfficiency`` of the thread count.
struct NSFStagePlan: Equatable, Sendable {
    /// The fraction of the thread count the pipeline's estimated speed-up must reach.
    static let pipelineEfficiency = 0.9

    /// The steps of each stage, in order; stage `s` runs on thread `s`.
    let stages: [[NSFFrameStep]]
    /// Whether each convolution layer splits its rows over the threads (then there is one stage).
    let splitsRows: Bool

    /// Every step on the calling thread.
    static func sequential(_ config: NSFConfig) -> NSFStagePlan {
        NSFStagePlan(stages: [steps(of: config)], splitsRows: false)
    }

    /// The plan for `threadCount` threads (1: ``sequential(_:)``).
    init(config: NSFConfig, threadCount: Int, sharing: NSFThreadSharing = .automatic) {
        guard threadCount > 1 else {
            self = .sequential(config)
            return
        }
        let units = Self.units(of: config)
        let costs = units.map { Self.estimatedCost(of: $0, config: config) }
        let stages = Self.balancedStages(costs: costs, count: min(threadCount, units.count))
        let largest = stages.map { costs[$0].reduce(0, +) }.max() ?? 1
        let speedUp = Double(costs.reduce(0, +)) / Double(max(largest, 1))
        let pipelines = switch sharing {
        case .automatic: speedUp >= Self.pipelineEfficiency * Double(threadCount)
        case .layerRows: false
        case .framePipeline: true
        }
        self = pipelines
            ? NSFStagePlan(stages: stages.map { Self.merged(Array(units[$0])) }, splitsRows: false)
            : NSFStagePlan(stages: [Self.steps(of: config)], splitsRows: true)
    }

    private init(stages: [[NSFFrameStep]], splitsRows: Bool) {
        self.stages = stages
        self.splitsRows = splitsRows
    }

    /// The steps of one frame: sources, noise blocks, harmonic blocks, sinc filters.
    static func steps(of config: NSFConfig) -> [NSFFrameStep] {
        let filter = config.filter
        let blocks = [NSFFrameStep.Branch.noise, .harmonic].flatMap { branch in
            (0..<filter.blockCount(of: branch)).map { NSFFrameStep.block(branch, $0, layers: filter.dilations(of: branch).indices) }
        }
        return [.sources] + blocks + [.sincFilters]
    }

    /// ``steps(of:)`` with every filter block cut into its layers (a block without layers stays
    /// whole): the units a pipeline stage boundary may fall between.
    static func units(of config: NSFConfig) -> [NSFFrameStep] {
        steps(of: config).flatMap { step -> [NSFFrameStep] in
            guard case .block(let branch, let index, let layers) = step, layers.count > 1 else { return [step] }
            return layers.map { .block(branch, index, layers: $0..<($0 + 1)) }
        }
    }

    /// Joins consecutive layer parts of the same block into one step.
    static func merged(_ units: [NSFFrameStep]) -> [NSFFrameStep] {
        var steps: [NSFFrameStep] = []
        for unit in units {
            if let last = steps.last, let joined = last.joined(with: unit) {
                steps[steps.count - 1] = joined
            } else {
                steps.append(unit)
            }
        }
        return steps
    }

    /// The multiply-adds of `step` over one frame, approximately: exact for the convolutions (a
    /// block's expansion and compression are counted with its first and last layer); the sources
    /// (condition tile, moving averages, sines) and the sinc filters are weighted so that their
    /// share matches profiles of the reference and the default model.
    static func estimatedCost(of step: NSFFrameStep, config: NSFConfig) -> Int {
        let rows = config.samplesPerFrame
        let hidden = config.hiddenDimension
        switch step {
        case .sources:
            return rows * (128 * hidden + 64 * config.sineCount)
        case .block(let branch, _, let layers):
            let total = config.filter.dilations(of: branch).count
            let ends = (layers.lowerBound == 0 ? 1 : 0) + (layers.upperBound == total ? 1 : 0)
            return (3 * hidden * hidden * layers.count + 12 * hidden * ends) * rows
        case .sincFilters:
            return rows * 4 * config.filter.sincOrder
        }
    }

    /// Splits the indices of `costs` into `count` contiguous non-empty runs whose largest sum is
    /// as small as possible (dynamic programming over the split points).
    /// - Precondition: `1 <= count <= costs.count`.
    static func balancedStages(costs: [Int], count: Int) -> [Range<Int>] {
        precondition((1...costs.count).contains(count), "balancedStages: \(count) stages of \(costs.count) steps")
        var prefix = [0]
        for cost in costs { prefix.append(prefix.last! + cost) }
        // largest[k][i]: the smallest largest-run sum splitting the first i steps into k runs;
        // split[k][i]: where the last of those runs starts.
        var largest = Array(repeating: Array(repeating: Int.max, count: costs.count + 1), count: count + 1)
        var split = Array(repeating: Array(repeating: 0, count: costs.count + 1), count: count + 1)
        largest[0][0] = 0
        for runs in 1...count {
            for end in runs...costs.count {
                for start in (runs - 1)..<end where largest[runs - 1][start] != Int.max {
                    let candidate = max(largest[runs - 1][start], prefix[end] - prefix[start])
                    if candidate < largest[runs][end] {
                        largest[runs][end] = candidate
                        split[runs][end] = start
                    }
                }
            }
        }
        var ranges: [Range<Int>] = []
        var end = costs.count
        for runs in stride(from: count, to: 0, by: -1) {
            let start = split[runs][end]
            ranges.insert(start..<end, at: 0)
            end = start
        }
        return ranges
    }
}
