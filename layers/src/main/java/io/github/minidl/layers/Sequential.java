package io.github.minidl.layers;

import io.github.minidl.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Modules applied one after the other, named {@code 0, 1, 2, …} as in PyTorch's {@code nn.Sequential}. */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** The given modules, in order. */
    public Sequential(Module... modules) {
        Checks.notNull("modules", modules);
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module (named by its index); returns this. */
    public Sequential add(Module module) {
        layers.add(registerModule(Integer.toString(layers.size()), module));
        return this;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException("index=" + index + " must be in [0, " + layers.size() + ")");
        }
        return layers.get(index);
    }

    /** Number of modules. */
    public int size() {
        return layers.size();
    }

    /** x through every module in order. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.notNull("Sequential: input", x);
        Tensor y = x;
        for (Module m : layers) {
            y = m.forward(y);
        }
        return y;
    }
}
