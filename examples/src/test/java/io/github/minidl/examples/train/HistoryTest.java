package io.github.minidl.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void metadataRoundTripIsExact() {
        History h = new History();
        ConfusionMatrix c = new ConfusionMatrix(2);
        h.add(new EpochResult(1, 0.1 + 0.2, 1.0 / 3, new Evaluation(Math.PI, 0.75, c), 12.5, 100));
        h.addStep(2.5);
        h.addStep(0.1 + 0.7);
        h.add(new EpochResult(2, 1e-300, 0.5, new Evaluation(Math.E, 0.8, c), 11.0, 100));
        History back = History.fromMetadata(h.toMetadata());
        assertEquals(2, back.size());
        assertArrayEquals(h.trainLoss(), back.trainLoss());
        assertArrayEquals(h.trainAccuracy(), back.trainAccuracy());
        assertArrayEquals(h.testLoss(), back.testLoss());
        assertArrayEquals(h.testAccuracy(), back.testAccuracy());
        assertArrayEquals(h.seconds(), back.seconds());
        assertArrayEquals(new double[] {2.5, 0.1 + 0.7}, back.stepLoss());
        assertTrue(h.toCsv().startsWith("epoch,train_loss"), h.toCsv());
        assertEquals(0, History.fromMetadata(Map.of()).size());
    }

    @Test
    void movingMeanAveragesTheLastValues() {
        assertArrayEquals(new double[] {1, 1.5, 2.5, 3.5}, RunPictures.movingMean(new double[] {1, 2, 3, 4}, 2));
    }

    @Test
    void inconsistentMetadataNamesTheKey() {
        History h = new History();
        h.add(new EpochResult(1, 1, 1, new Evaluation(1, 1, new ConfusionMatrix(2)), 1, 1));
        Map<String, String> m = new HashMap<>(h.toMetadata());
        m.put("history.testLoss", "1,2");
        var e = assertThrows(IllegalArgumentException.class, () -> History.fromMetadata(m));
        assertTrue(e.getMessage().contains("history.testLoss has 2 epochs"), e.getMessage());
        m.put("history.testLoss", "x");
        var f = assertThrows(IllegalArgumentException.class, () -> History.fromMetadata(m));
        assertTrue(f.getMessage().contains("'history.testLoss'=x"), f.getMessage());
    }
}
