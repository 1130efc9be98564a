package io.github.minidl.layers.optim;

/**
 * A schedule given, as PyTorch's chainable schedulers compute it, by the rate of epoch 0 and the
 * step from each epoch's rate to the next. {@link #learningRate} iterates that step from epoch 0,
 * so the rates round exactly as a run of PyTorch's {@code scheduler.step()} calls does.
 */
public interface RecursiveSchedule extends LrSchedule {

    /** The rate of epoch 0; by default the initial rate itself. */
    default double first(double initialLr) {
        return initialLr;
    }

    /**
     * The rate of epoch {@code epoch} from {@code lr}, the rate of the epoch before.
     *
     * @param epoch at least 1
     * @param initialLr the rate the schedule started from
     */
    double next(int epoch, double lr, double initialLr);

    /** {@link #first}, then {@link #next} for epochs 1 to {@code epoch} (O(epoch)). */
    @Override
    default double learningRate(int epoch, double initialLr) {
        LrSchedule.checkEpoch(epoch);
        double lr = first(initialLr);
        for (int e = 1; e <= epoch; e++) {
            lr = next(e, lr, initialLr);
        }
        return lr;
    }
}
