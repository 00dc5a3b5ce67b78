import NeuroCore
internal import CNSFKernels

/// The vector instruction set the NSF kernels run with.
///
/// Every kernel is compiled for the build target's baseline and, on x86-64, additionally for
/// AVX2 with fused multiply-add through a function-level target attribute. ``best`` picks the
/// fastest one the CPU supports at run time, so a plain `swift build -c release` runs at FMA
/// speed on x86-64 without compiler flags.
public enum KernelInstructionSet: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The build target's baseline vector unit: SSE2 on x86-64 (no FMA), NEON with FMA on arm64.
    case baseline
    /// x86-64 AVX2 with fused multiply-add (256-bit registers).
    case avx2FMA

    /// Whether this CPU can run kernels built for this instruction set.
    public var isSupported: Bool {
        cnsf_isa_is_supported(cValue) != 0
    }

    /// The instruction sets this CPU supports, slowest first.
    public static var supported: [KernelInstructionSet] {
        allCases.filter(\.isSupported)
    }

    /// The fastest instruction set this CPU supports (probed once).
    public static let best: KernelInstructionSet = cnsf_best_isa() == CNSF_ISA_X86_AVX2_FMA ? .avx2FMA : .baseline

    /// A short human name, for benchmark reports.
    public var description: String {
        switch self {
        case .baseline:
            #if arch(arm64)
            "baseline (NEON + FMA)"
            #else
            "baseline (SSE2, no FMA)"
            #endif
        case .avx2FMA: "AVX2 + FMA"
        }
    }

    var cValue: cnsf_isa {
        switch self {
        case .baseline: CNSF_ISA_BASELINE
        case .avx2FMA: CNSF_ISA_X86_AVX2_FMA
        }
    }
}
