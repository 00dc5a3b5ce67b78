import ArgumentParser
import Foundation
import NeuroCore
import NeuroProfiles

/// `neurorack-run profiles`: the measured reference profiles that ship with the package.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the measured reference profiles (hydrogen-drumkits one-shots).",
        discussion: "Any listed name can be given where a command takes a profile.")

    func run() throws {
        let library = try ProfileLibrary.bundled()
        print(ProfilesCommandTable(entries: library.entries).text, terminator: "")
    }
}
