/// A dense matrix of `Double` in column-major order, the layout BLAS and LAPACK expect.
///
/// Element (row i, column j) is stored at `elements[i + j * rows]`.
public struct Matrix: Equatable, Sendable {
    /// Number of rows (m).
    public let rows: Int
    /// Number of columns (n).
    public let columns: Int
    /// The elements, column after column; `rows * columns` of them.
    public var elements: [Double]

    /// A `rows` x `columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over column-major `elements`; nil when the count is not `rows * columns`.
    public init?(rows: Int, columns: Int, columnMajor elements: [Double]) {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else { return nil }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A single-column matrix holding `vector`.
    public init(column vector: [Double]) {
        self.rows = vector.count
        self.columns = 1
        self.elements = vector
    }

    /// The `order` x `order` identity.
    public static func identity(_ order: Int) -> Matrix {
        var matrix = Matrix(rows: order, columns: order)
        for i in 0..<order { matrix[i, i] = 1 }
        return matrix
    }

    /// Element at `row`, `column` (0-based).
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// Column `j` as an array (a copy).
    public func column(_ j: Int) -> [Double] {
        Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// The first `count` rows (all columns), e.g. the training part of a design matrix.
    public func topRows(_ count: Int) -> Matrix {
        let kept = min(max(count, 0), rows)
        var result = Matrix(rows: kept, columns: columns)
        for j in 0..<columns {
            for i in 0..<kept { result.elements[i + j * kept] = elements[i + j * rows] }
        }
        return result
    }

    /// Whether every element is finite (no NaN, no infinity).
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }
}
