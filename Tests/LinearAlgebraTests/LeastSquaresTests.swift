import Foundation
import LinearAlgebra
import Testing

/// Gaussian elimination with partial pivoting on the normal equations: the naive reference.
private func naiveSolve(_ x: Matrix, _ y: [Double], ridge: Double = 0) -> [Double] {
    let p = x.columns
    var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
    for i in 0..<p {
        for j in 0..<p {
            var sum = 0.0
            for r in 0..<x.rows { sum += x[r, i] * x[r, j] }
            a[i][j] = sum + (i == j ? ridge : 0)
        }
        var rhs = 0.0
        for r in 0..<x.rows { rhs += x[r, i] * y[r] }
        a[i][p] = rhs
    }
    for c in 0..<p {
        let pivot = (c..<p).max { abs(a[$0][c]) < abs(a[$1][c]) } ?? c
        a.swapAt(c, pivot)
        for r in (c + 1)..<p {
            let f = a[r][c] / a[c][c]
            for k in c...p { a[r][k] -= f * a[c][k] }
        }
    }
    var beta = [Double](repeating: 0, count: p)
    for r in stride(from: p - 1, through: 0, by: -1) {
        var s = a[r][p]
        for k in (r + 1)..<p { s -= a[r][k] * beta[k] }
        beta[r] = s / a[r][r]
    }
    return beta
}

/// A deterministic, well-conditioned design: intercept, trend, a sine.
private func design(rows: Int) -> Matrix {
    var x = Matrix(rows: rows, columns: 3)
    for r in 0..<rows {
        x[r, 0] = 1
        x[r, 1] = Double(r) / Double(rows)
        x[r, 2] = sin(Double(r) * 0.7)
    }
    return x
}

@Test func manyRightHandSidesMatchTheNaiveSolve() throws {
    let x = design(rows: 50)
    var y = Matrix(rows: 50, columns: 3)
    for r in 0..<50 {
        y[r, 0] = 2 + 3 * x[r, 1] - x[r, 2]
        y[r, 1] = Double(r % 7)
        y[r, 2] = -1e6 * x[r, 2] + 0.5
    }
    for ridge in [0.0, 2.5] {
        let beta = try LeastSquares.solve(x, y, ridge: ridge == 0 ? [] : [ridge])
        #expect(beta.rows == 3 && beta.columns == 3)
        for k in 0..<3 {
            let reference = naiveSolve(x, y.column(k), ridge: ridge)
            for j in 0..<3 {
                #expect(abs(beta[j, k] - reference[j]) <= 1e-8 * max(1, abs(reference[j])))
            }
        }
    }
}

@Test func exactFitIsRecovered() throws {
    let x = design(rows: 20)
    let y = try x.times(Matrix(column: [1, -2, 0.5]))
    let beta = try LeastSquares.solve(x, y)
    #expect(abs(beta[0, 0] - 1) < 1e-10 && abs(beta[1, 0] + 2) < 1e-10 && abs(beta[2, 0] - 0.5) < 1e-10)
}

@Test func rankDeficientDesignFallsBackToMinimumNorm() throws {
    // Two identical columns: the minimum-norm solution splits the weight equally.
    var x = Matrix(rows: 10, columns: 2)
    for r in 0..<10 {
        x[r, 0] = Double(r + 1)
        x[r, 1] = Double(r + 1)
    }
    let y = try x.times(Matrix(column: [1, 1]))
    let system = try LeastSquares(design: x)
    #expect(!system.isFullRank)
    let beta = try system.solve(design: x, responses: y)
    #expect(abs(beta[0, 0] - 1) < 1e-6 && abs(beta[1, 0] - 1) < 1e-6)
    let svd = try LeastSquares.solveBySVD(x, y)
    #expect(abs(svd[0, 0] - 1) < 1e-9 && abs(svd[1, 0] - 1) < 1e-9)
}

@Test func singularSystemsWithRidgeAreSolvable() throws {
    let zeros = Matrix(rows: 5, columns: 2)
    let beta = try LeastSquares.solve(zeros, Matrix(rows: 5, columns: 1, repeating: 3), ridge: [1])
    #expect(beta.elements.allSatisfy { abs($0) < 1e-12 })
    let bare = try LeastSquares.solve(zeros, Matrix(rows: 5, columns: 1, repeating: 3))
    #expect(bare.elements.allSatisfy { $0.isFinite && abs($0) < 1e-12 })
}

@Test func choleskyReportsTheFailingMinor() throws {
    let indefinite = try #require(Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 2, 1]))
    #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2)) { try Cholesky(indefinite) }
    #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
    let spd = try #require(Matrix(rows: 2, columns: 2, columnMajor: [4, 2, 2, 3]))
    let x = try Cholesky(spd).solve(Matrix(column: [6, 5]))
    #expect(abs(x[0, 0] - 1) < 1e-12 && abs(x[1, 0] - 1) < 1e-12)
}

@Test func badInputsAreTypedErrors() throws {
    var x = design(rows: 4)
    let y = Matrix(rows: 4, columns: 1, repeating: 1)
    #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "LeastSquares", expected: "4 rows", actual: "3 rows")) {
        try LeastSquares.solve(x, Matrix(rows: 3, columns: 1))
    }
    #expect(throws: LinearAlgebraError.self) { try LeastSquares(design: x, ridge: [1, 2]) }
    #expect(throws: LinearAlgebraError.self) { try LeastSquares(design: x, ridge: [-1]) }
    var nanY = y
    nanY[0, 0] = .nan
    #expect(throws: LinearAlgebraError.nonFinite(operation: "LeastSquares.solve")) { try LeastSquares.solve(x, nanY) }
    x[1, 1] = .infinity
    #expect(throws: LinearAlgebraError.nonFinite(operation: "LeastSquares")) { try LeastSquares.solve(x, y) }
    #expect(throws: LinearAlgebraError.nonFinite(operation: "Cholesky")) {
        try Cholesky(Matrix(rows: 1, columns: 1, repeating: .nan))
    }
}

@Test func emptySystemsGiveEmptyCoefficients() throws {
    let beta = try LeastSquares.solve(Matrix(rows: 0, columns: 0), Matrix(rows: 0, columns: 2))
    #expect(beta.rows == 0 && beta.columns == 2)
    let noRows = try LeastSquares.solve(Matrix(rows: 0, columns: 2), Matrix(rows: 0, columns: 1), ridge: [1])
    #expect(noRows.elements == [0, 0])
}
