internal import COpenBLAS

extension Matrix {
    /// The Gram matrix `XᵀX` (n x n for an m x n `X`), by one `dsyrk` (m·n² flops) then mirrored.
    public func gram() -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return result }
        let n = Int32(columns), k = Int32(rows)
        elements.withUnsafeBufferPointer { a in
            result.elements.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, n, k, 1, a.baseAddress, k, 0,
                            c.baseAddress, n)
            }
        }
        for j in 0..<columns {
            for i in (j + 1)..<columns { result.elements[i + j * columns] = result.elements[j + i * columns] }
        }
        return result
    }

    /// `Xᵀ B` by one `dgemm` (n x k for m x n `X` and m x k `B`): the cross products of a design
    /// with many responses at once.
    /// - Throws: `dimensionMismatch` when the row counts differ.
    public func transposeTimes(_ other: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard rows == other.rows else {
            throw .dimensionMismatch(operation: "XᵀB", expected: "\(rows) rows", actual: "\(other.rows) rows")
        }
        return Self.gemm(self, transposeA: true, other)
    }

    /// `A B` by one `dgemm` (m x k for m x n `A` and n x k `B`).
    /// - Throws: `dimensionMismatch` when `A`'s columns differ from `B`'s rows.
    public func times(_ other: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard columns == other.rows else {
            throw .dimensionMismatch(operation: "AB", expected: "\(columns) rows", actual: "\(other.rows) rows")
        }
        return Self.gemm(self, transposeA: false, other)
    }

    /// `op(A) B` with shapes already checked.
    private static func gemm(_ a: Matrix, transposeA: Bool, _ b: Matrix) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let inner = transposeA ? a.rows : a.columns
        var result = Matrix(rows: m, columns: b.columns)
        guard m > 0, b.columns > 0, inner > 0 else { return result }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                result.elements.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans,
                                Int32(m), Int32(b.columns), Int32(inner), 1,
                                pa.baseAddress, Int32(max(a.rows, 1)),
                                pb.baseAddress, Int32(max(b.rows, 1)), 0,
                                pc.baseAddress, Int32(max(m, 1)))
                }
            }
        }
        return result
    }
}
