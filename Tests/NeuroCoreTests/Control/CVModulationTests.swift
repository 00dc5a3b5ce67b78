import Testing
@testable import NeuroCore

@Suite struct CVModulationTests {
    private func cv(_ values: [Int: Float]) -> CVState {
        var state = CVState()
        for (input, volts) in values { state[input] = volts }
        return state
    }

    @Test func standardAssignmentIsTheOriginalModule() {
        let standard = CVModulation.standard
        #expect(standard.morph(for: CVState()) == 0.5)
        #expect(standard.morph(for: cv([2: -4])) == 0)
        #expect(standard.morph(for: cv([2: 2])) == 0.75)
        #expect(standard.morph(for: cv([2: 9])) == 1)
        var frame = ControlFrame.constant(1)
        standard.scale(&frame, for: cv([3: 2, 4: 8, 5: -1]))
        #expect(frame[.rolloff] == 2)
        #expect(frame[.flatness] == 4)
        #expect(frame[.bandwidth] == 0)
        #expect(frame[.rms] == 1)
    }

    @Test func reassignedInputsDriveTheirTargetOverTheirRange() throws {
        var assignments = CVModulation.standard.assignments
        assignments[0] = .init(target: .scale(.f0), range: 0.5...2)
        assignments[1] = .init(target: .none, range: 0...1)
        assignments[4] = .init(target: .morph, range: 0.25...0.75)
        let modulation = try CVModulation(assignments)
        #expect(modulation.morph(for: cv([2: 4])) == 0.5)
        #expect(modulation.morph(for: cv([5: 4])) == 0.75)
        var frame = ControlFrame.constant(100)
        modulation.scale(&frame, for: cv([1: 4, 5: 4]))
        #expect(frame[.f0] == 200)
        #expect(frame[.bandwidth] == 100)
        let unmorphed = try CVModulation(assignments.map { $0.target == .morph ? .init(target: .none, range: 0...1) : $0 })
        #expect(unmorphed.morph(for: cv([5: 4])) == nil)
    }

    @Test func rejectsAssignmentsThatCannotWork() {
        let standard = CVModulation.standard.assignments
        var twoMorphs = standard
        twoMorphs[0] = .init(target: .morph, range: 0...1)
        var wideMorph = standard
        wideMorph[1] = .init(target: .morph, range: 0...2)
        var hugeScale = standard
        hugeScale[2] = .init(target: .scale(.rolloff), range: 0...100)
        var infinite = standard
        infinite[3] = .init(target: .scale(.flatness), range: 0...Float.infinity)
        for (assignments, message) in [
            (twoMorphs, "only one input can morph"), (wideMorph, "CV2 morph range"), (hugeScale, "CV3 scale range"),
            (infinite, "CV4 range must be finite"), (Array(standard.prefix(4)), "expected 5 inputs"),
        ] {
            #expect(throws: NeuroError.self) { try CVModulation(assignments) }
            do { _ = try CVModulation(assignments) } catch { #expect(error.message.contains(message), "\(error.message)") }
        }
    }

    @Test func latentControlUsesItsModulation() throws {
        let first = ImpactProfile(name: "a", frames: [.constant(1)])
        let second = ImpactProfile(name: "b", frames: [.constant(3)])
        var assignments = CVModulation.standard.assignments
        assignments[1] = .init(target: .none, range: 0...1)
        assignments[0] = .init(target: .morph, range: 0...1)
        let control = LatentControl(primary: first, secondary: second, modulation: try CVModulation(assignments))
        #expect(control.frame(at: 0, cv: cv([1: 4]))[.rms] == 3)
        #expect(control.frame(at: 0, cv: cv([1: -4, 2: 4]))[.rms] == 1)
    }
}
