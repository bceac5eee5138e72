package org.sigmoidbook.toolkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NdArraysTest {

    /** Row r, column c holds 10 r + c + 0.25, exact in FLOAT, so that every cell says where it came from. */
    private static INDArray numbered(char order, int rows, int columns) {
        INDArray matrix = Nd4j.create(DataType.FLOAT, new long[] {rows, columns}, order);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                matrix.putScalar(r, c, 10 * r + c + 0.25);
            }
        }
        return matrix;
    }

    private static double[][] expected(int rows, int columns, int firstColumn) {
        double[][] cells = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cells[r][c] = 10 * r + firstColumn + c + 0.25;
            }
        }
        return cells;
    }

    @Test
    void rowsAreTheMatrixsRowsWhateverItsOrderOrWhetherItIsAView() {
        assertArrayEquals(expected(4, 3, 0), NdArrays.rows(numbered('c', 4, 3)));
        assertArrayEquals(expected(4, 3, 0), NdArrays.rows(numbered('f', 4, 3)), "DL4J keeps its parameters and gradients in 'f' order");
        assertArrayEquals(expected(4, 2, 1), NdArrays.rows(numbered('c', 4, 3).getColumns(1, 2)), "a view of two columns");
        assertArrayEquals(expected(5, 1, 0), NdArrays.rows(numbered('c', 5, 1)), "a network's single output");
        INDArray transposed = numbered('c', 3, 4).transpose();
        assertArrayEquals(transposed.toDoubleMatrix(), NdArrays.rows(transposed));
    }

    @Test
    void anythingButAMatrixIsRefusedWithItsShape() {
        IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
                () -> NdArrays.rows(Nd4j.zeros(DataType.FLOAT, 3)));
        assertTrue(vector.getMessage().contains("[3]"), vector.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdArrays.rows(Nd4j.zeros(DataType.FLOAT, 2, 2, 2)));
    }
}
