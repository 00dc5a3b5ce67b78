/// How the threads of a multi-threaded ``NSFModel`` share its work.
public enum NSFThreadSharing: String, Sendable, CaseIterable, Codable {
    /// The frame pipeline when its stages balance (at least 90 % of the thread count as the
    /// estimated speed-up), else the layers' rows, and one thread for a model whose layers are
    /// too small to share (``NSFModel/minimumMultiplyAddsToSplit``): what ``NSFModel`` picks
    /// unless told. The other two share the work of any model.
    case automatic
    /// Every convolution layer splits its rows over the threads; the threads meet after every
    /// layer.
    case layerRows = "rows"
    /// The frame's work is cut into one pipeline stage per thread, contiguous and balanced by
    /// multiply-adds (a cut may fall inside a filter block); the stages work on consecutive frames
    /// at once and meet once per frame.
    case framePipeline = "pipeline"
}
