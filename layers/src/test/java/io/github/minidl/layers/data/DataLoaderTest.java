package io.github.minidl.layers.data;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataLoaderTest {
    /** Sample i has input [i, -i] and target i, so a batch reveals which samples it holds. */
    private static TensorDataset labelled(int n) {
        INDArray idx = Nd4j.arange(0, n).castTo(DataType.DOUBLE).reshape(n, 1);
        return new TensorDataset(Nd4j.hstack(idx, idx.neg()), Nd4j.arange(0, n).castTo(DataType.INT64));
    }

    private static List<long[]> targetsOf(Iterable<Batch> batches) {
        List<long[]> out = new ArrayList<>();
        for (Batch b : batches) {
            assertEquals(b.targets().castTo(DataType.DOUBLE), b.inputs().getColumn(0));
            out.add(b.targets().toLongVector());
        }
        return out;
    }

    @Test
    void sequentialBatchesKeepTheLastPartialOne() {
        var loader = new DataLoader(labelled(10), 4);
        assertEquals(3, loader.batchesPerEpoch());
        List<long[]> t = targetsOf(loader.epoch(0));
        assertArrayEquals(new long[] {0, 1, 2, 3}, t.get(0));
        assertArrayEquals(new long[] {8, 9}, t.get(2));
    }

    @Test
    void dropLastLeavesOutTheSmallBatch() {
        var loader = new DataLoader(labelled(10), DataLoaderOptions.batchSize(4).shuffle(1).withDropLast());
        assertEquals(2, loader.batchesPerEpoch());
        List<long[]> t = targetsOf(loader.epoch(3));
        assertEquals(2, t.size());
        assertTrue(t.stream().allMatch(a -> a.length == 4));
    }

    @Test
    void shuffledEpochIsAPermutationAPureFunctionOfSeedAndEpoch() {
        var a = new DataLoader(labelled(1000), DataLoaderOptions.batchSize(32).shuffle(42));
        var b = new DataLoader(labelled(1000), DataLoaderOptions.batchSize(32).shuffle(42));
        var c = new DataLoader(labelled(1000), DataLoaderOptions.batchSize(32).shuffle(43));
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] order = a.epochOrder(epoch);
            assertArrayEquals(order, b.epochOrder(epoch));
            assertFalse(Arrays.equals(order, c.epochOrder(epoch)), "seed changes the order");
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < sorted.length; i++) {
                assertEquals(i, sorted[i]);
            }
            long[] seen = targetsOf(a.epoch(epoch)).stream().flatMapToLong(Arrays::stream).toArray();
            assertArrayEquals(Arrays.stream(order).asLongStream().toArray(), seen);
        }
        assertFalse(Arrays.equals(a.epochOrder(0), a.epochOrder(1)), "each epoch reshuffles");
    }

    @Test
    void forEachLoopsWalkSuccessiveEpochs() {
        var loader = new DataLoader(labelled(9), DataLoaderOptions.batchSize(4).shuffle(7));
        List<long[]> first = targetsOf(loader);
        assertEquals(new LoaderPosition(1, 0), loader.position());
        List<long[]> second = targetsOf(loader);
        assertEquals(new LoaderPosition(2, 0), loader.position());
        assertEquals(flat(targetsOf(loader.epoch(0))), flat(first));
        assertEquals(flat(targetsOf(loader.epoch(1))), flat(second));
    }

    @Test
    void resumeFromASavedPositionReplaysTheSameBatches() {
        var options = DataLoaderOptions.batchSize(8).shuffle(2024);
        var uninterrupted = new DataLoader(labelled(50), options);
        List<Batch> all = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            uninterrupted.forEach(all::add);
        }

        var first = new DataLoader(labelled(50), options);
        List<Batch> resumed = new ArrayList<>();
        first.forEach(resumed::add);
        Iterator<Batch> it = first.iterator();
        for (int k = 0; k < 3; k++) {
            resumed.add(it.next());
        }
        LoaderPosition saved = LoaderPosition.fromMetadata(first.position().toMetadata());
        assertEquals(new LoaderPosition(1, 3), saved);

        var second = new DataLoader(labelled(50), options);
        second.seek(saved);
        second.forEach(resumed::add);
        second.forEach(resumed::add);

        assertEquals(all.size(), resumed.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.get(i).inputs(), resumed.get(i).inputs(), "batch " + i);
            assertEquals(all.get(i).targets(), resumed.get(i).targets(), "batch " + i);
        }
    }

    @Test
    void seekingToTheEndOfAnEpochStartsTheNext() {
        var loader = new DataLoader(labelled(10), 5);
        loader.seek(new LoaderPosition(4, 2));
        assertEquals(new LoaderPosition(5, 0), loader.position());
        var e = assertThrows(IllegalArgumentException.class, () -> loader.seek(new LoaderPosition(0, 3)));
        assertTrue(e.getMessage().contains("batch=3"), e.getMessage());
    }

    @Test
    void aSecondIterationInvalidatesTheFirst() {
        var loader = new DataLoader(labelled(10), 2);
        Iterator<Batch> a = loader.iterator();
        a.next();
        Iterator<Batch> b = loader.iterator();
        b.next();
        assertThrows(IllegalStateException.class, a::next);
        loader.seek(LoaderPosition.start());
        assertThrows(IllegalStateException.class, b::hasNext);
    }

    @Test
    void rejectsEmptyAndImpossibleConfigurations() {
        var e = assertThrows(IllegalArgumentException.class, () -> DataLoaderOptions.batchSize(0));
        assertTrue(e.getMessage().contains("batchSize=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DataLoader(labelled(3), DataLoaderOptions.batchSize(4).withDropLast()));
        assertTrue(e.getMessage().contains("batchSize=4") && e.getMessage().contains("size=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DataLoader(new TensorDataset(Nd4j.zeros(DataType.FLOAT, 0, 3), Nd4j.zeros(DataType.INT64, 0)), 4));
        assertTrue(e.getMessage().contains("size=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(labelled(3), 2).epochOrder(-1));
        assertTrue(e.getMessage().contains("epoch=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoaderPosition.fromMetadata(java.util.Map.of()));
        assertTrue(e.getMessage().contains("loader.epoch"), e.getMessage());
    }

    /** Fashion-MNIST-sized data: every shuffled epoch yields 938 batches ending where its order says. */
    @Test
    void shuffledEpochsOverFashionMnistSizedDataFollowTheirOrder() {
        int n = 60_000;
        INDArray images = Nd4j.rand(DataType.FLOAT, n, 1, 28, 28);
        INDArray labels = Nd4j.arange(0, n).castTo(DataType.INT64);
        var loader = new DataLoader(new TensorDataset(images, labels), DataLoaderOptions.batchSize(64).shuffle(5));
        for (int e = 0; e < 2; e++) {
            int batches = 0;
            Batch last = null;
            for (Batch b : loader) {
                batches++;
                last = b;
            }
            assertEquals(938, batches);
            int[] order = loader.epochOrder(e);
            long lastIndex = last.targets().getLong(last.size() - 1);
            assertEquals(order[n - 1], lastIndex);
            assertBitEqual(images.slice(lastIndex), last.inputs().slice(last.size() - 1), "last image of epoch " + e);
        }
    }

    private static List<Long> flat(List<long[]> batches) {
        List<Long> out = new ArrayList<>();
        batches.forEach(a -> Arrays.stream(a).forEach(out::add));
        return out;
    }
}
