package io.github.minidl.autograd;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * PyTorch's unbatched images: an op that takes [N, C, H, W] also takes [C, H, W], runs it as a
 * batch of one and returns its result without the batch axis.
 */
final class Unbatched {
    private Unbatched() {
    }

    /** Rejects anything but a 3-D or 4-D image of a float type. */
    static void require(String op, Tensor x) {
        if (x == null || (x.rank() != 3 && x.rank() != 4)) {
            throw new IllegalArgumentException(op + ": input must be 4-D [N, C, H, W] or 3-D [C, H, W]; got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        Nd.sameFloatType(op, x);
    }

    static boolean is(Tensor x) {
        return x.rank() == 3;
    }

    /** f(x) for a batch; for [C, H, W], f of [1, C, H, W] with the batch axis dropped again. */
    static Tensor apply(Tensor x, UnaryOperator<Tensor> f) {
        return is(x) ? unbatch(f.apply(batch(x))) : f.apply(x);
    }

    static Tensor batch(Tensor x) {
        long[] s = x.shape();
        return x.reshape(1, s[0], s[1], s[2]);
    }

    static Tensor unbatch(Tensor y) {
        long[] s = y.shape();
        return y.reshape(s[1], s[2], s[3]);
    }

    static INDArray batch(INDArray a) {
        long[] s = a.shape();
        return a.reshape('c', 1, s[0], s[1], s[2]);
    }

    static INDArray unbatch(INDArray a) {
        long[] s = a.shape();
        return a.reshape('c', s[1], s[2], s[3]);
    }
}
