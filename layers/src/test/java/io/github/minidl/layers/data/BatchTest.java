package io.github.minidl.layers.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchTest {
    @Test
    void closeFreesTheLoadersArraysNow() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 10, 1, 4, 4);
        INDArray labels = Nd4j.arange(10).castTo(DataType.LONG);
        DataLoader loader = new DataLoader(new TensorDataset(images, labels), DataLoaderOptions.batchSize(4).shuffle(1));
        Batch b = loader.iterator().next();
        b.close();
        assertTrue(b.inputs().wasClosed() && b.targets().wasClosed(), "the batch's own arrays are freed");
        assertFalse(images.wasClosed() || labels.wasClosed(), "the dataset is untouched");
    }

    @Test
    void closeLeavesAViewAlone() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 6, 3);
        INDArray rows = whole.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        new Batch(rows, Nd4j.zeros(DataType.LONG, 2)).close();
        assertFalse(whole.wasClosed() || rows.wasClosed());
    }
}
