package io.github.minidl.layers.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.minidl.autograd.BinaryCrossEntropyOptions;
import io.github.minidl.autograd.ClassLossOptions;
import io.github.minidl.autograd.Reduction;
import io.github.minidl.autograd.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The losses' {@code with...} copies change one option each, and print as PyTorch's arguments. */
class LossConfigurationTest {
    private final Tensor w = Tensor.ones(DataType.DOUBLE, 3);

    @Test
    void crossEntropyCopiesChangeOneOption() {
        CrossEntropyLoss base = new CrossEntropyLoss();
        CrossEntropyLoss loss = base.withWeight(w).withIgnoreIndex(0).withLabelSmoothing(0.1).withReduction(Reduction.SUM);
        assertEquals(new ClassLossOptions(Reduction.SUM, w, 0, 0.1), loss.options());
        assertEquals(ClassLossOptions.defaults(), base.options());
        assertSame(Reduction.SUM, loss.reduction());
        assertEquals("CrossEntropyLoss(reduction=sum, weight, ignore_index=0, label_smoothing=0.1)", loss.toString());
    }

    @Test
    void nllCopiesChangeOneOption() {
        NLLLoss loss = new NLLLoss().withReduction(Reduction.NONE).withIgnoreIndex(3).withWeight(w);
        assertEquals(new ClassLossOptions(Reduction.NONE, w, 3, 0), loss.options());
        assertEquals("NLLLoss(reduction=none, weight, ignore_index=3)", loss.toString());
        assertEquals("NLLLoss(reduction=mean)", new NLLLoss().toString());
    }

    @Test
    void bceAndMsePrintTheirOptions() {
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss(Reduction.SUM).withPosWeight(w);
        assertEquals(new BinaryCrossEntropyOptions(Reduction.SUM, null, w), bce.options);
        assertEquals("BCEWithLogitsLoss(reduction=sum, pos_weight)", bce.toString());
        assertEquals("MSELoss(reduction=mean)", new MSELoss().toString());
    }
}
