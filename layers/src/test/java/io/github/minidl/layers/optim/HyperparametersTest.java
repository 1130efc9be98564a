package io.github.minidl.layers.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The copies shared by every options record change one value, keep the others, and check it. */
class HyperparametersTest {

    @Test
    void sharedCopiesChangeOneValueOnly() {
        SgdOptions sgd = SgdOptions.lr(0.1).withMomentum(0.9).withNesterov();
        assertEquals(new SgdOptions(0.3, 0.9, 0, 0, true, false), sgd.withLr(0.3));
        assertEquals(new SgdOptions(0.1, 0.9, 0, 0.01, true, false), sgd.withWeightDecay(0.01));
        assertEquals(new SgdOptions(0.1, 0.9, 0, 0, true, true), sgd.withMaximize());

        AdamOptions adam = AdamOptions.lr(0.01).withBetas(0.8, 0.99).withAmsgrad();
        assertEquals(new AdamOptions(0.01, 0.8, 0.99, 1e-8, 0.5, true, true), adam.withWeightDecay(0.5).withMaximize());
        assertEquals(new AdagradOptions(0.2, 0.1, 0.3, 0, 1e-10, false),
                AdagradOptions.lr(0.01).withLrDecay(0.1).withWeightDecay(0.3).withLr(0.2));
        assertEquals(new RmspropOptions(0.01, 0.9, 1e-8, 0.2, 0, true, true),
                RmspropOptions.lr(0.01).withAlpha(0.9).withCentered().withMaximize().withWeightDecay(0.2));
    }

    @Test
    void sharedCopiesAreChecked() {
        var e = assertThrows(IllegalArgumentException.class, () -> AdamOptions.lr(0.01).withWeightDecay(-1));
        assertTrue(e.getMessage().contains("weightDecay=-1.0"), e.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> RmspropOptions.lr(0.01).withLr(Double.NaN));
        assertTrue(r.getMessage().contains("learningRate=NaN"), r.getMessage());
    }
}
