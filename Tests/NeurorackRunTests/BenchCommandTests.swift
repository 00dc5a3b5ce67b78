import Foundation
import NeuroCore
import Testing

@testable import neurorack_run
import NeuroSafeTensors

@Suite struct BenchCommandTests {
    @Test func rejectsUnusableOptions() {
        for arguments in [["--frames", "0"], ["--threads", "0"], ["--repetitions", "0"], ["--parts", "everything"], ["--instruction-set", "avx512"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try BenchCommand.parse(arguments) }
        }
    }

    @Test func reportCarriesDerivedFiguresInTableAndJSON() throws {
        var report = BenchReport(frames: 16, instructionSet: .baseline)
        var peak = BenchRate()
        peak.record(flops: 100e9, timing: BenchTiming(seconds: 2, cpuSeconds: 1))
        var conv = BenchRate()
        conv.record(flops: 80e9, timing: BenchTiming(seconds: 2, cpuSeconds: 1.25))
        conv.record(flops: 80e9, timing: BenchTiming(seconds: 1, cpuSeconds: 1))
        report.kernelRuns.append(BenchReport.KernelRun(threads: 1, peak: peak, conv: conv))
        report.modelRuns.append(BenchReport.ModelRun(
                mode: "streaming", plan: try ChunkPlan(framesPerChunk: 21, hop: 15), threads: 1, sharing: nil, seconds: 0.5, cpuSeconds: 0.4, audioSeconds: 2,
                convolutionFlops: 30e9, peakGFLOPS: 100))
        report.modelRuns.append(BenchReport.ModelRun(
                mode: "whole", plan: try ChunkPlan(framesPerChunk: 16, hop: 16), threads: 2, sharing: .framePipeline, seconds: 0.3,
                cpuSeconds: 0.6, audioSeconds: 2, convolutionFlops: 30e9, peakGFLOPS: 200))
        // Elapsed: peak 50, conv best 80 GFLOP/s; per CPU second: peak 100, conv best 80.
        #expect(report.kernelRuns[0].percentOfPeak == 160)
        #expect(report.kernelRuns[0].percentOfPeakPerCPUSecond == 80)
        #expect(report.modelRuns[0].realTimeFactor == 0.25)
        #expect(report.modelRuns[0].convGFLOPS == 60 && report.modelRuns[0].percentOfPeak == 60)
        // One A57 core: 1.43 GHz × 8 FLOP = 11.44 GFLOP/s against the 100 probed here, at the same fraction of peak.
        let a57 = try #require(report.modelRuns[0].estimatedCortexA57RealTimeFactor)
        #expect(abs(a57 - 0.25 * 100 / 11.44) < 1e-9)
        #expect(report.table.contains("A57 RTF") && report.table.contains("2.19"))
        #expect(report.table.contains("160.0") && report.table.contains("0.250"))
        #expect(report.table.contains("streaming  21/15"))
        #expect(report.table.contains("pipeline") && report.modelRuns[1].estimatedCortexA57RealTimeFactor == nil)
        let decoded = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
        let model = (decoded?["modelRuns"] as? [[String: Any]])?.first
        #expect(model?["realTimeFactor"] as? Double == 0.25)
        #expect(model?["cpuSeconds"] as? Double == 0.4)
        #expect(model?["mode"] as? String == "streaming" && model?["sharing"] == nil)
        #expect((decoded?["modelRuns"] as? [[String: Any]])?.last?["sharing"] as? String == "pipeline")
        #expect(model?["framesPerChunk"] as? Int == 21 && model?["hop"] as? Int == 15)
        #expect(abs((model?["estimatedCortexA57RealTimeFactor"] as? Double ?? 0) - a57) < 1e-9)
    }

    @Test func regeneratePartTimesTheShortAndTheFullFirstChunkInARunningEngine() throws {
        let report = try BenchCommand.parse(["--parts", "regenerate", "--repetitions", "1"]).measure()
        #expect(report.regenerateRuns.map(\.firstHop) == [3, 15, 3, 3, 3, 3])
        #expect(report.regenerateRuns.map(\.generationThreads) == [1, 1, 1, 1, 2, 2])
        #expect(report.regenerateRuns.map(\.setAside) == [2, 2, 0, 2, 0, 2])
        #expect(report.regenerateRuns.map(\.profile) == [ImpactProfile.defaultName, ImpactProfile.defaultName]
            + Array(repeating: BenchRegenerate.busyProfileName, count: 4))
        #expect(report.regenerateRuns.map(\.whileBusy) == [false, false, true, true, true, true])
        #expect(report.regenerateRuns.allSatisfy { $0.regenerates == 10 && $0.medianSeconds > 0 && $0.maxSeconds >= $0.medianSeconds })
        #expect(report.table.contains("regenerate → first new chunk final"))
        #expect(report.table.contains("set aside"))
        let run = BenchReport.RegenerateRun(plan: .neurorack, seconds: [0.02, 0.01, 0.03], sampleRate: 25_600)
        #expect(run.medianSeconds == 0.02 && run.maxSeconds == 0.03 && run.medianPeriods == 2)
    }

    @Test func threadCountsANarrowModelDoesNotSplitAreNotedAndTimedWithEachSharingForced() throws {
        let report = try BenchCommand.parse(["--parts", "model", "--frames", "3", "--threads", "2", "--repetitions", "1"]).measure()
        #expect(report.modelRuns.map(\.sharing) == [.framePipeline, .framePipeline, .framePipeline, .layerRows, .layerRows, .layerRows])
        #expect(report.modelRuns.allSatisfy { $0.threads == 2 && $0.seconds > 0 })
        #expect(report.notes.count == 1 && report.notes[0].contains("2 threads run as 1"))
        #expect(report.table.contains("note: "))
    }

    @Test func concurrencyPartRendersOneModelCopyPerThreadOnOneTwoAndAllCores() throws {
        let report = try BenchCommand.parse(["--parts", "concurrency", "--frames", "20", "--repetitions", "1"]).measure()
        #expect(report.concurrencyRuns.map(\.threads) == BenchConcurrency.threadCounts)
        #expect(report.concurrencyRuns.first?.threads == 1)
        let impactSeconds = 20.0 * 512 / 22_050
        for run in report.concurrencyRuns {
            #expect(run.impacts == 2 * run.threads)
            #expect(abs(run.audioSeconds - Double(run.impacts) * impactSeconds) < 1e-9)
            #expect(run.realTimeStreams == run.audioSeconds / run.seconds)
        }
        #expect(report.table.contains("impacts at real time"))
    }

    @Test func readsFeaturesAndRejectsWrongShapes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var writer = SafeTensorsWriter()
        writer.add("features", shape: [1, 3, 7], floats: (0..<21).map(Float.init))
        let good = folder.appendingPathComponent("good.safetensors")
        try writer.write(to: good)
        let frames = try BenchModel.frames(from: good, count: nil)
        #expect(frames.count == 3 && frames[1].rms == 7 && frames[2].f0 == 20)
        #expect(try BenchModel.frames(from: good, count: 2).count == 2)
        #expect(throws: NeuroError.self) { try BenchModel.frames(from: good, count: 4) }

        var wrong = SafeTensorsWriter()
        wrong.add("features", shape: [3, 6], floats: [Float](repeating: 0, count: 18))
        let bad = folder.appendingPathComponent("bad.safetensors")
        try wrong.write(to: bad)
        #expect(throws: NeuroError.self) { try BenchModel.frames(from: bad, count: nil) }
    }
}
