/// Everything the menu and the screen show, supplied by the firmware on every input and redraw.
///
/// It is a plain value: the firmware fills it from the engine, the model registry, the profile
/// library and the drivers off the audio thread, and passes it to ``ModuleMenu/handle(_:status:)``
/// and ``ScreenRenderer/render(_:status:)``.
public struct ModuleStatus: Sendable, Equatable {
    /// The names of the models that can be loaded, in display order.
    public var models: [String]
    /// The name of the model playing now, if one is loaded.
    public var currentModel: String?
    /// The names of the reference profiles that can be chosen for F0 and F1.
    public var profiles: [String]
    /// The name of reference profile F0.
    public var profileF0: String?
    /// The name of reference profile F1.
    public var profileF1: String?
    /// The output volume, 0 … 1.
    public var volume: Double
    /// The assignment of CV1 … CV5 (index 0 is CV1); a missing entry reads as ``CVTarget/none``.
    public var cvAssignments: [CVAssignment]
    /// Load, timing and health figures for the Stats page.
    public var stats: ModuleStats
    /// The devices that do not answer (for example "ADC 0x49" or "screen"); empty when all are present.
    public var missingDevices: [String]
    /// The last error the firmware reported, shown on the home page until it is cleared.
    public var lastError: String?
    /// The current impact's descriptor curves, one per `Descriptor` in declaration order.
    public var descriptorCurves: [[Float]]

    /// A status with every field given (defaults: nothing loaded, full volume, the standard CV assignments).
    public init(
        models: [String] = [], currentModel: String? = nil, profiles: [String] = [], profileF0: String? = nil,
        profileF1: String? = nil, volume: Double = 1, cvAssignments: [CVAssignment] = CVAssignment.standard,
        stats: ModuleStats = ModuleStats(), missingDevices: [String] = [], lastError: String? = nil,
        descriptorCurves: [[Float]] = []
    ) {
        self.models = models
        self.currentModel = currentModel
        self.profiles = profiles
        self.profileF0 = profileF0
        self.profileF1 = profileF1
        self.volume = volume
        self.cvAssignments = cvAssignments
        self.stats = stats
        self.missingDevices = missingDevices
        self.lastError = lastError
        self.descriptorCurves = descriptorCurves
    }

    /// The assignment of CV `input` (1…5), ``CVTarget/none`` over its limits when the firmware gave none.
    public func assignment(ofInput input: Int) -> CVAssignment {
        cvAssignments.indices.contains(input - 1) ? cvAssignments[input - 1] : CVAssignment(target: .none)
    }
}

/// The figures of the Stats page.
public struct ModuleStats: Sendable, Equatable {
    /// The process's CPU use in percent of one core, when measured.
    public var cpuPercent: Double?
    /// The SoC temperature in °C from /sys, `nil` when the sensor cannot be read.
    public var temperatureCelsius: Double?
    /// Seconds of audio generated per second of compute (above 1 keeps up), when measured.
    public var realTimeFactor: Double?
    /// Audio-device underruns and overruns since start.
    public var xruns: Int
    /// Generation chunks that were not ready when playback needed them.
    public var lateChunks: Int
    /// Seconds since the firmware started.
    public var uptimeSeconds: Double

    /// Figures with every field given (defaults: nothing measured yet).
    public init(
        cpuPercent: Double? = nil, temperatureCelsius: Double? = nil, realTimeFactor: Double? = nil, xruns: Int = 0,
        lateChunks: Int = 0, uptimeSeconds: Double = 0
    ) {
        self.cpuPercent = cpuPercent
        self.temperatureCelsius = temperatureCelsius
        self.realTimeFactor = realTimeFactor
        self.xruns = xruns
        self.lateChunks = lateChunks
        self.uptimeSeconds = uptimeSeconds
    }
}
