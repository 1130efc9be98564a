package io.github.minidl.layers.checkpoint;

import static io.github.minidl.testing.ArrayAssert.assertBitEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.minidl.autograd.Tensor;
import io.github.minidl.core.Init;
import io.github.minidl.layers.BatchNorm2d;
import io.github.minidl.layers.Conv2d;
import io.github.minidl.layers.ConvTranspose2d;
import io.github.minidl.layers.DepthwiseSeparableConv2d;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.ReLU;
import io.github.minidl.layers.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** A model's state dict through a checkpoint file and back is bit-exact; mismatches name the key. */
class StateDictRoundTripTest {
    @TempDir
    Path dir;

    static Module model() {
        return new Sequential(Conv2d.builder(2, 4, 3).padding(1).build(), new BatchNorm2d(4), new ReLU(),
                DepthwiseSeparableConv2d.builder(4, 6, 3).depthMultiplier(2).build(),
                ConvTranspose2d.builder(6, 2, 3).stride(2).groups(2).build());
    }

    @Test
    void roundTripIsBitExactInBothDtypes() throws IOException {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Init.manualSeed(1);
            Module a = model().to(type);
            a.forward(Tensor.of(org.nd4j.linalg.factory.Nd4j.rand(type, 2, 2, 5, 5)));  // moves the BN buffers
            Path f = dir.resolve("m-" + type + ".ckpt");
            Checkpoint.save(f, CheckpointContent.of(a.stateDict()));
            Init.manualSeed(2);
            Module b = model().to(type);
            assertNotEquals(a.stateDict().get("0.weight"), b.stateDict().get("0.weight"));
            b.loadStateDict(Checkpoint.load(f).model(), KeyMatching.STRICT);
            assertBitEqual(a.stateDict(), b.stateDict(), type.toString());
            assertEquals(1L, b.stateDict().get("1.num_batches_tracked").getLong(0));
        }
    }

    @Test
    void mismatchedCheckpointNamesTheKey() throws IOException {
        Module a = model();
        Path f = dir.resolve("m.ckpt");
        Checkpoint.save(f, CheckpointContent.of(a.stateDict()));
        Module other = new Sequential(Conv2d.builder(2, 4, 3).padding(1).build(), new BatchNorm2d(5));
        var e = assertThrows(StateDictMismatchException.class,
                () -> other.loadStateDict(Checkpoint.load(f).model(), KeyMatching.LENIENT));
        assertTrue(e.getMessage().contains("1.weight"), e.getMessage());
        var d = assertThrows(StateDictMismatchException.class,
                () -> model().to(DataType.DOUBLE).loadStateDict(Checkpoint.load(f).model(), KeyMatching.STRICT));
        assertTrue(d.getMessage().contains("0.weight"), d.getMessage());
    }
}
