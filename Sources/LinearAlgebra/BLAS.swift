internal import COpenBLAS

/// The OpenBLAS library behind every product and factorization in this module.
public enum BLAS {
    /// OpenBLAS's build description (`openblas_get_config()`), e.g.
    /// `OpenBLAS 0.3.29 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`; log it at start-up.
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "OpenBLAS (no configuration string)" }
        return String(cString: text)
    }

    /// Threads OpenBLAS uses inside one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the threads OpenBLAS uses inside one call (clamped to at least 1). Use 1 when the
    /// parallelism comes from the Swift side (many small solves on several threads).
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }
}
