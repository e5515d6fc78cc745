internal import COpenBLAS
#if canImport(Glibc)
internal import Glibc
#else
internal import Foundation
#endif

/// Minimum-norm least squares by SVD (LAPACK `dgelsd`): the fallback when a system is rank
/// deficient and Cholesky fails.
enum MinimumNorm {
    /// Solves min ‖A X − B‖ (Frobenius), taking the minimum-norm X; singular values below
    /// `rcond · σ_max` count as zero. `A` is m x n, `B` m x k; returns n x k.
    static func solve(_ a: Matrix, _ b: Matrix, rcond: Double) throws(LinearAlgebraError) -> Matrix {
        let m = a.rows, n = a.columns, k = b.columns
        guard m > 0, n > 0, k > 0 else { return Matrix(rows: n, columns: k) }
        let ldb = max(m, n)
        var work = a.elements
        var rhs = [Double](repeating: 0, count: ldb * k)
        for j in 0..<k {
            for i in 0..<m { rhs[i + j * ldb] = b.elements[i + j * m] }
        }
        var singular = [Double](repeating: 0, count: min(m, n))
        var mm = Int32(m), nn = Int32(n), nrhs = Int32(k), lda = Int32(m), ldbb = Int32(ldb)
        var rc = rcond, rank: Int32 = 0, info: Int32 = 0
        // Workspace query, then the solve.
        var lwork: Int32 = -1
        var query = [Double](repeating: 0, count: 1)
        let minmn = min(m, n)
        let levels = max(1, Int(log2(max(Double(minmn) / 26, 1))) + 1)
        var iwork = [Int32](repeating: 0, count: max(1, 3 * minmn * levels + 11 * minmn) + 64)
        dgelsd_(&mm, &nn, &nrhs, &work, &lda, &rhs, &ldbb, &singular, &rc, &rank, &query, &lwork,
                &iwork, &info)
        if info < 0 { throw .illegalArgument(routine: "dgelsd", position: Int(-info)) }
        lwork = Int32(max(1, Int(query[0].rounded(.up))))
        let neededInts = Int(iwork[0])
        if neededInts > iwork.count { iwork = [Int32](repeating: 0, count: neededInts) }
        var workspace = [Double](repeating: 0, count: Int(lwork))
        dgelsd_(&mm, &nn, &nrhs, &work, &lda, &rhs, &ldbb, &singular, &rc, &rank, &workspace,
                &lwork, &iwork, &info)
        if info < 0 { throw .illegalArgument(routine: "dgelsd", position: Int(-info)) }
        if info > 0 { throw .svdDidNotConverge(count: Int(info)) }
        var x = Matrix(rows: n, columns: k)
        for j in 0..<k {
            for i in 0..<n { x.elements[i + j * n] = rhs[i + j * ldb] }
        }
        return x
    }
}
