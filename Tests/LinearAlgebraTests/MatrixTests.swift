import LinearAlgebra
import Testing

@Test func matrixIsColumnMajor() throws {
    let matrix = try #require(Matrix(rows: 2, columns: 3, columnMajor: [1, 2, 3, 4, 5, 6]))
    #expect(matrix[1, 0] == 2)
    #expect(matrix[0, 2] == 5)
    #expect(Matrix(rows: 2, columns: 3, columnMajor: [1]) == nil)
    #expect(matrix.column(1) == [3, 4])
    #expect(matrix.topRows(1).elements == [1, 3, 5])
}

@Test func productsMatchNaiveLoops() throws {
    let x = try #require(Matrix(rows: 3, columns: 2, columnMajor: [1, 2, 3, 4, 5, 6]))
    let gram = x.gram()
    // Columns (1,2,3) and (4,5,6): 14, 32, 77.
    #expect(abs(gram[0, 0] - 14) < 1e-12 && abs(gram[0, 1] - 32) < 1e-12)
    #expect(abs(gram[1, 0] - 32) < 1e-12 && abs(gram[1, 1] - 77) < 1e-12)
    let xtx = try x.transposeTimes(x)
    #expect(zip(xtx.elements, gram.elements).allSatisfy { abs($0 - $1) < 1e-12 })
    let product = try x.times(Matrix.identity(2))
    #expect(product == x)
    #expect(throws: LinearAlgebraError.self) { try x.times(x) }
}

@Test func emptyProductsAreZeroShaped() throws {
    let empty = Matrix(rows: 0, columns: 3)
    #expect(empty.gram() == Matrix(rows: 3, columns: 3))
    let cross = try empty.transposeTimes(Matrix(rows: 0, columns: 2))
    #expect(cross.rows == 3 && cross.columns == 2 && cross.elements.allSatisfy { $0 == 0 })
}

@Test func blasReportsItsConfiguration() {
    #expect(BLAS.configuration.contains("OpenBLAS"))
    BLAS.setThreadCount(1)
    #expect(BLAS.threadCount == 1)
}
