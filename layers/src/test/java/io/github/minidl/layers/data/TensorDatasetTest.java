package io.github.minidl.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TensorDatasetTest {

    private static INDArray counting(DataType type, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Nd4j.arange(0, n).castTo(type).reshape('c', shape);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "LONG", "INT"})
    void gatherCopiesTheIndexedRowsInEveryDtype(DataType type) {
        INDArray x = counting(type, 7, 2, 3);
        INDArray y = counting(DataType.INT64, 7).mul(10);
        var ds = new TensorDataset(x, y);
        int[] order = {6, 0, 3, 3, 5};
        Batch b = ds.gather(order, 1, 3);
        assertArrayEquals(new long[] {3, 2, 3}, b.inputs().shape());
        assertEquals(type, b.inputs().dataType());
        assertEquals(DataType.INT64, b.targets().dataType());
        for (int k = 0; k < 3; k++) {
            assertEquals(x.slice(order[1 + k]), b.inputs().slice(k), "row " + k);
            assertEquals(10L * order[1 + k], b.targets().getLong(k));
        }
    }

    @Test
    void getDropsTheSampleAxis() {
        var ds = new TensorDataset(counting(DataType.FLOAT, 4, 3), counting(DataType.INT64, 4));
        Sample s = ds.get(2);
        assertArrayEquals(new long[] {3}, s.input().shape());
        assertEquals(0, s.target().rank());
        assertEquals(2L, s.target().getLong(0));
        assertEquals(Nd4j.createFromArray(6f, 7f, 8f), s.input());
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(4));
    }

    @Test
    void viewsWithOffsetAndTransposedArraysGatherCorrectly() {
        INDArray base = counting(DataType.FLOAT, 10, 4);
        INDArray view = base.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());
        INDArray transposed = counting(DataType.DOUBLE, 3, 5).transpose();
        var ds = new TensorDataset(view, transposed);
        Batch b = ds.gather(new int[] {4, 0}, 0, 2);
        assertEquals(base.getRow(7), b.inputs().getRow(0));
        assertEquals(base.getRow(3), b.inputs().getRow(1));
        assertEquals(transposed.getRow(4), b.targets().getRow(0));
        assertEquals(transposed.getRow(0), b.targets().getRow(1));
    }

    @Test
    void largeArrayPathGathersTheSameRows() {
        INDArray x = counting(DataType.FLOAT, 6, 5);
        int[] order = {5, 1, 2};
        INDArray fast = Rows.gather(x, order, 0, 3);
        INDArray slow = Rows.gatherLarge(x, order, 0, 3, 5, Nd4j.createUninitialized(DataType.FLOAT, 3, 5));
        assertEquals(fast, slow);
    }

    @Test
    void batchesAreIndependentOfTheDataset() {
        INDArray x = counting(DataType.FLOAT, 3, 2);
        var ds = new TensorDataset(x, counting(DataType.INT64, 3));
        Batch b = ds.gather(new int[] {1}, 0, 1);
        b.inputs().assign(-1);
        assertEquals(2f, x.getFloat(1, 0), 0f);
    }

    @Test
    void rejectsMismatchedSampleCountsAndScalars() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Nd4j.zeros(5, 3), Nd4j.zeros(4)));
        assertTrue(e.getMessage().contains("[5, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Nd4j.scalar(1f), Nd4j.zeros(1)));
        assertTrue(e.getMessage().contains("rank >= 1"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new TensorDataset(null, Nd4j.zeros(1)));
    }

    @Test
    void defaultGatherStacksSamples() {
        Dataset squares = new Dataset() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public Sample get(int index) {
                return new Sample(Nd4j.createFromArray((double) index, index * index), Nd4j.scalar((long) index));
            }
        };
        Batch b = squares.gather(new int[] {4, 2}, 0, 2);
        assertEquals(Nd4j.createFromArray(new double[][] {{4, 16}, {2, 4}}), b.inputs());
        assertEquals(Nd4j.createFromArray(4L, 2L), b.targets());
    }
}
