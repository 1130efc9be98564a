package io.github.minidl.examples.gradcheck;

import io.github.minidl.autograd.GradCheck;
import io.github.minidl.autograd.GradCheckOptions;
import io.github.minidl.autograd.GradCheckReport;
import io.github.minidl.autograd.Tensor;
import io.github.minidl.layers.Module;
import io.github.minidl.layers.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks one {@link LayerCase} in float64 by central differences: the derivative of the layer's
 * output with respect to its input and to every parameter, the parameters being swapped in
 * through {@link Module#functionalCall}.
 */
public final class LayerGradCheck {
    private LayerGradCheck() {
    }

    /** The outcome of one case: the checker's report and the names of the checked tensors (input first). */
    public record LayerCheckResult(LayerCase layerCase, List<String> tensors, GradCheckReport report) {
        /** True when every checked tensor passed. */
        public boolean passed() {
            return report.passed();
        }
    }

    /** Checks the case with a random input drawn from seed and GradCheck's default tolerances. */
    public static LayerCheckResult check(LayerCase c, long seed) {
        Module m = c.module().get().to(DataType.DOUBLE);
        Map<String, Parameter> named = m.namedParameters();
        List<String> names = new ArrayList<>(named.keySet());
        Tensor[] in = new Tensor[names.size() + 1];
        in[0] = Tensor.of(randn(new SplittableRandom(seed), c.inputShape())).requiresGrad(true);
        for (int i = 0; i < names.size(); i++) {
            in[i + 1] = Tensor.of(named.get(names.get(i)).data().dup()).requiresGrad(true);
        }
        GradCheckReport report = GradCheck.check(t -> {
            Map<String, Tensor> replacements = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                replacements.put(names.get(i), t[i + 1]);
            }
            return m.functionalCall(replacements, t[0]);
        }, GradCheckOptions.defaults().withSeed(seed), in);
        List<String> tensors = new ArrayList<>();
        tensors.add("input");
        tensors.addAll(names);
        return new LayerCheckResult(c, tensors, report);
    }

    private static INDArray randn(SplittableRandom rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            // Box-Muller: standard normal values, reproducible from the seed alone.
            v[i] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }
}
