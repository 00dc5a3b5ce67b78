import Foundation
import NeuroCore
import NeuroFiles

/// Reads a WAV file block by block, in memory bounded by the block, for files too long to hold.
///
/// The header is checked as ``WAVReader`` checks it (the same messages): RIFF and chunk sizes
/// against the file's size, one `fmt ` chunk before the `data` chunk, a supported format, a data
/// size that is a whole number of frames. Samples are decoded by the same code, so the blocks
/// put together equal ``WAVReader/read(from:)``'s samples.
public struct WAVFileStream {
    /// Rate and channels of the file.
    public let format: AudioFormat
    /// How the samples are stored.
    public let sampleFormat: WAVSampleFormat
    /// The number of frames the file holds.
    public let frameCount: Int

    private let handle: FileHandle
    private let name: String
    private var framesRead = 0

    /// Opens `url` and reads its header, leaving the file at the first sample.
    ///
    /// - Throws: `.missingInput` when the file does not exist or cannot be read, `.invalidData`
    ///   when its header is not a valid WAV header of a supported format.
    public init(url: URL) throws(NeuroError) {
        let name = url.path
        let handle = try InputFile.handle(forReading: name)
        func fail(_ problem: String) -> NeuroError { NeuroError(.invalidData, "\(name): \(problem)") }
        func read(_ count: Int) throws(NeuroError) -> LittleEndianBytes {
            do {
                return LittleEndianBytes(bytes: Array(try handle.read(upToCount: count) ?? Data()))
            } catch {
                throw NeuroError(.missingInput, "\(name): cannot read (\(error.localizedDescription))")
            }
        }
        let fileSize: Int
        do {
            fileSize = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch {
            throw NeuroError(.missingInput, "\(name): cannot read (\(error.localizedDescription))")
        }
        let riff = try read(12)
        guard riff.bytes.count == 12 else {
            throw fail("truncated header: \(riff.bytes.count) bytes, a WAV file starts with a 12-byte RIFF header")
        }
        guard riff.fourCC(at: 0) == "RIFF" else { throw fail("not a WAV file: starts with '\(riff.fourCC(at: 0))', expected 'RIFF'") }
        guard riff.fourCC(at: 8) == "WAVE" else {
            throw fail("not a WAV file: RIFF form type is '\(riff.fourCC(at: 8))', expected 'WAVE'")
        }
        let riffEnd = 8 + Int(riff.uint32(at: 4))
        guard riffEnd <= fileSize else { throw fail("truncated: the RIFF header declares \(riffEnd) bytes but the file has \(fileSize)") }

        var layout: WAVReader.Layout?
        var offset = 12
        while offset + 8 <= riffEnd {
            let chunk = try read(8)
            let identifier = chunk.fourCC(at: 0)
            let size = Int(chunk.uint32(at: 4))
            let body = offset + 8
            guard size <= riffEnd - body else {
                throw fail("chunk '\(identifier)' at byte \(offset) declares \(size) bytes but only \(riffEnd - body) remain")
            }
            switch identifier {
            case "fmt ":
                guard layout == nil else { throw fail("more than one 'fmt ' chunk") }
                layout = try WAVReader.parseFormat(try read(size), body: 0, size: size, fail: fail)
            case "data":
                guard let layout else { throw fail("'data' chunk comes before the 'fmt ' chunk") }
                let blockAlign = layout.channelCount * layout.sampleFormat.bytesPerSample
                guard size % blockAlign == 0 else {
                    throw fail("'data' chunk of \(size) bytes is not a whole number of \(blockAlign)-byte frames")
                }
                format = AudioFormat(sampleRate: layout.sampleRate, channelCount: layout.channelCount)
                sampleFormat = layout.sampleFormat
                frameCount = size / blockAlign
                self.handle = handle
                self.name = name
                return
            default:
                break
            }
            offset = body + size + (size & 1)
            do {
                try handle.seek(toOffset: UInt64(offset))
            } catch {
                throw NeuroError(.missingInput, "\(name): cannot read (\(error.localizedDescription))")
            }
        }
        throw fail(layout == nil ? "no 'fmt ' chunk" : "no 'data' chunk")
    }

    /// The next block of at most `maxFrames` frames (interleaved), or `nil` after the last.
    ///
    /// - Throws: `.missingInput` when the file cannot be read any more, `.invalidData` for a NaN
    ///   or infinite float sample.
    public mutating func next(maxFrames: Int) throws(NeuroError) -> AudioBuffer? {
        let count = min(max(maxFrames, 1), frameCount - framesRead)
        guard count > 0 else { return nil }
        let blockAlign = format.channelCount * sampleFormat.bytesPerSample
        let bytes: [UInt8]
        do {
            bytes = Array(try handle.read(upToCount: count * blockAlign) ?? Data())
        } catch {
            throw NeuroError(.missingInput, "\(name): cannot read (\(error.localizedDescription))")
        }
        guard bytes.count == count * blockAlign else {
            throw NeuroError(.invalidData, "\(name): the file ended \(frameCount - framesRead) frames before its 'data' chunk did")
        }
        let layout = WAVReader.Layout(sampleFormat: sampleFormat, channelCount: format.channelCount, sampleRate: format.sampleRate)
        let block = try WAVReader.decodeSamples(
            LittleEndianBytes(bytes: bytes), body: 0, size: bytes.count, layout: layout, firstFrame: framesRead
        ) { NeuroError(.invalidData, "\(name): \($0)") }
        framesRead += count
        return block
    }
}
