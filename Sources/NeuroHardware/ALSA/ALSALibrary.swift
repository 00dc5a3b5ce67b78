import NeuroCore

/// The functions of `libasound.so.2` the host uses, loaded with `dlopen` (no `libasound2-dev`
/// needed to build). Constants are from `<alsa/pcm.h>`.
struct ALSALibrary: @unchecked Sendable {
    typealias Open = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<CChar>, Int32, Int32) -> Int32
    typealias PCMFunction = @convention(c) (OpaquePointer?) -> Int32
    typealias ParamsAllocate = @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Int32
    typealias ParamsFree = @convention(c) (OpaquePointer?) -> Void
    typealias ParamsFunction = @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    typealias ParamsSetValue = @convention(c) (OpaquePointer?, OpaquePointer?, UInt32) -> Int32
    typealias ParamsSetNear = @convention(c) (OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<UInt32>, UnsafeMutablePointer<Int32>?) -> Int32
    typealias ParamsSetFramesNear = @convention(c) (OpaquePointer?, OpaquePointer?, UnsafeMutablePointer<UInt>, UnsafeMutablePointer<Int32>?) -> Int32
    typealias ParamsGetFrames = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt>, UnsafeMutablePointer<Int32>?) -> Int32
    typealias ParamsGetBufferSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt>) -> Int32
    typealias WriteInterleaved = @convention(c) (OpaquePointer?, UnsafeRawPointer?, UInt) -> Int
    typealias Recover = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    typealias ErrorText = @convention(c) (Int32) -> UnsafePointer<CChar>?
    typealias NameHint = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutableRawPointer?>?>) -> Int32
    typealias GetHint = @convention(c) (UnsafeRawPointer?, UnsafePointer<CChar>) -> UnsafeMutablePointer<CChar>?
    typealias FreeHint = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32

    /// `SND_PCM_STREAM_PLAYBACK`.
    static let playback: Int32 = 0
    /// `SND_PCM_ACCESS_RW_INTERLEAVED`.
    static let interleaved: UInt32 = 3

    let open: Open
    let close: PCMFunction
    let drain: PCMFunction
    let paramsMalloc: ParamsAllocate
    let paramsFree: ParamsFree
    let paramsAny: ParamsFunction
    let paramsApply: ParamsFunction
    let setAccess: ParamsSetValue
    let setFormat: ParamsSetValue
    let setChannels: ParamsSetValue
    let setRateNear: ParamsSetNear
    let setPeriodsNear: ParamsSetNear
    let setPeriodSizeNear: ParamsSetFramesNear
    let getPeriodSize: ParamsGetFrames
    let getBufferSize: ParamsGetBufferSize
    let writei: WriteInterleaved
    let recover: Recover
    let errorText: ErrorText
    let nameHint: NameHint
    let getHint: GetHint
    let freeHint: FreeHint

    /// Loads the library and every function.
    ///
    /// - Throws: `.unavailable` saying what to install when `libasound.so.2` is missing.
    init() throws(NeuroError) {
        let library = try DynamicLibrary(["libasound.so.2"], installHint: "install ALSA's library (apt-get install libasound2)")
        open = try library.function("snd_pcm_open", as: Open.self)
        close = try library.function("snd_pcm_close", as: PCMFunction.self)
        drain = try library.function("snd_pcm_drain", as: PCMFunction.self)
        paramsMalloc = try library.function("snd_pcm_hw_params_malloc", as: ParamsAllocate.self)
        paramsFree = try library.function("snd_pcm_hw_params_free", as: ParamsFree.self)
        paramsAny = try library.function("snd_pcm_hw_params_any", as: ParamsFunction.self)
        paramsApply = try library.function("snd_pcm_hw_params", as: ParamsFunction.self)
        setAccess = try library.function("snd_pcm_hw_params_set_access", as: ParamsSetValue.self)
        setFormat = try library.function("snd_pcm_hw_params_set_format", as: ParamsSetValue.self)
        setChannels = try library.function("snd_pcm_hw_params_set_channels", as: ParamsSetValue.self)
        setRateNear = try library.function("snd_pcm_hw_params_set_rate_near", as: ParamsSetNear.self)
        setPeriodsNear = try library.function("snd_pcm_hw_params_set_periods_near", as: ParamsSetNear.self)
        setPeriodSizeNear = try library.function("snd_pcm_hw_params_set_period_size_near", as: ParamsSetFramesNear.self)
        getPeriodSize = try library.function("snd_pcm_hw_params_get_period_size", as: ParamsGetFrames.self)
        getBufferSize = try library.function("snd_pcm_hw_params_get_buffer_size", as: ParamsGetBufferSize.self)
        writei = try library.function("snd_pcm_writei", as: WriteInterleaved.self)
        recover = try library.function("snd_pcm_recover", as: Recover.self)
        errorText = try library.function("snd_strerror", as: ErrorText.self)
        nameHint = try library.function("snd_device_name_hint", as: NameHint.self)
        getHint = try library.function("snd_device_name_get_hint", as: GetHint.self)
        freeHint = try library.function("snd_device_name_free_hint", as: FreeHint.self)
    }

    /// ALSA's text for error code `code` (negative errno).
    func message(_ code: Int32) -> String {
        errorText(code).map { unsafe String(cString: $0) } ?? "error \(code)"
    }
}
