package io.github.minidl.examples.views;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints a matrix for a terminal: columns right-aligned, integers without decimals, and zeros as
 * '.' so the pattern of a sparse matrix such as C can be read at a glance.
 */
public final class MatrixText {
    private MatrixText() {
    }

    /** The 2-D array m (any dtype) as lines of text, each indented by indent spaces. */
    public static String format(INDArray m, int indent) {
        double[][] v = m.rank() == 2 ? m.castTo(DataType.DOUBLE).toDoubleMatrix()
                : m.castTo(DataType.DOUBLE).reshape(1, m.length()).toDoubleMatrix();
        boolean integral = true;
        for (double[] row : v) {
            for (double x : row) {
                integral &= x == Math.rint(x) && Math.abs(x) < 1e9;
            }
        }
        String[][] cells = new String[v.length][];
        int width = 1;
        for (int r = 0; r < v.length; r++) {
            cells[r] = new String[v[r].length];
            for (int c = 0; c < v[r].length; c++) {
                double x = v[r][c];
                cells[r][c] = x == 0 ? "." : integral ? String.valueOf((long) x) : String.format("%.3f", x);
                width = Math.max(width, cells[r][c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String pad = " ".repeat(indent);
        for (String[] row : cells) {
            sb.append(pad);
            for (int c = 0; c < row.length; c++) {
                sb.append(c == 0 ? "" : " ").append(" ".repeat(width - row[c].length())).append(row[c]);
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
