import Foundation
import NeuroCore

/// The default impact model that ships with NeuroNSF, so a fresh clone renders sound with no download.
///
/// A small hn-sinc-NSF variant (hidden width 32, about 1/10 of the reference model's multiply-adds)
/// trained by `training/` on the freely licensed drum one-shots of Debian's `hydrogen-drumkits`;
/// data, licences, size and losses are in `docs/MODEL.md`. The files are the package resources
/// `Resources/default.safetensors` (weights, including the normalisation statistics) and
/// `Resources/default.json` (config in the `architecture.json` format).
///
/// The files are located without `Bundle.module`, whose generated accessor traps when the resource
/// bundle is missing (an executable copied without it): first the resource bundle SwiftPM places
/// next to the executable, then the package's source tree (development builds and tests).
public enum DefaultNSFModel {
    /// The weights file name inside the resources.
    public static let weightsFileName = "default.safetensors"
    /// The config file name inside the resources.
    public static let configFileName = "default.json"

    /// The folders searched, in order.
    public static var searchDirectories: [URL] {
        let executableFolder = Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
        let bundles = [
            executableFolder.appendingPathComponent("Neurorack_NeuroNSF.resources/Resources"),
            executableFolder.appendingPathComponent("Neurorack_NeuroNSF.bundle/Contents/Resources/Resources"),
        ]
        // This file is Sources/NeuroNSF/DefaultModel/DefaultNSFModel.swift; the resources are in Sources/NeuroNSF/Resources.
        let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources")
        return bundles + [sourceTree]
    }

    /// The first searched folder holding both files, or `nil`.
    public static var directory: URL? {
        searchDirectories.first { folder in
            [weightsFileName, configFileName].allSatisfy {
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
            }
        }
    }

    /// Loads the default model.
    ///
    /// - Parameters:
    ///   - maxFramesPerCall: the largest number of frames one `generate` call accepts.
    ///   - threadCount: threads sharing the work (``NSFThreadSharing``).
    /// - Throws: `.missingInput` naming the searched folders when the files are not found, or the
    ///   errors of ``NSFModel/init(weights:config:maxFramesPerCall:threadCount:)``.
    public static func load(maxFramesPerCall: Int = 4096, threadCount: Int = 1) throws(NeuroError) -> NSFModel {
        guard let folder = directory else {
            let searched = searchDirectories.map(\.path).joined(separator: ", ")
            throw NeuroError(.missingInput, "default NSF model: \(weightsFileName) and \(configFileName) not found in \(searched)")
        }
        return try NSFModel(
            weights: folder.appendingPathComponent(weightsFileName), config: folder.appendingPathComponent(configFileName),
            maxFramesPerCall: maxFramesPerCall, threadCount: threadCount)
    }
}
