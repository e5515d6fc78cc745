import LinearAlgebra
import Testing

@Test func matrixIsColumnMajor() throws {
    let matrix = try #require(Matrix(rows: 2, columns: 3, columnMajor: [1, 2, 3, 4, 5, 6]))
    #expect(matrix[1, 0] == 2)
    #expect(matrix[0, 2] == 5)
    #expect(Matrix(rows: 2, columns: 3, columnMajor: [1]) == nil)
}
