package io.github.minidl.core;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A heap array of one dtype plus the bulk moves and inner loops the kernels need. The two
 * subclasses are the only place where float32 and float64 code differ, so every kernel is written
 * once; each loop here runs over raw Java arrays, never through per-element INDArray calls.
 */
abstract class HostBuffer {
    final int length;

    HostBuffer(int length) {
        this.length = length;
    }

    static HostBuffer allocate(DataType type, int length) {
        return type == DataType.DOUBLE ? new Doubles(length) : new Floats(length);
    }

    /** Copies {@code length} elements of c-contiguous array {@code a}, starting at element {@code from}. */
    abstract void load(INDArray a, long from);

    /** Writes {@code length} elements into c-contiguous array {@code a}, starting at element {@code to}. */
    abstract void store(INDArray a, long to);

    /** im2col of one sample: {@code this[c, t, p] = x[c, index[t, p]]}, 0 where padded. */
    abstract void gather(HostBuffer x, int channels, PatchIndex index);

    /** col2im of one sample, the adjoint of {@link #gather}: {@code this[c, index[t, p]] += cols[c, t, p]}. */
    abstract void scatterAdd(HostBuffer cols, int channels, PatchIndex index);

    /** Depthwise forward of one plane: {@code this[yOff + p] += Σ_t w[t] · x[xOff + index[t, p]]}. */
    abstract void accumulateTaps(HostBuffer x, int xOff, double[] w, PatchIndex index, int yOff);

    /** Its adjoint in x: {@code this[xOff + index[t, p]] += w[t] · gy[gyOff + p]}. */
    abstract void scatterTaps(HostBuffer gy, int gyOff, double[] w, PatchIndex index, int xOff);

    /** Its adjoint in w: {@code gw[t] += Σ_p gy[gyOff + p] · this[xOff + index[t, p]]}. */
    abstract void correlateTaps(int xOff, HostBuffer gy, int gyOff, PatchIndex index, double[] gw);

    /** Element i as a double. */
    abstract double get(int i);

    /** Sets the first {@code values.length} elements, rounding to this dtype. */
    abstract void setAll(double[] values);

    /** Sets every element to zero. */
    abstract void clear();

    /** float32 storage. */
    static final class Floats extends HostBuffer {
        final float[] data;

        Floats(int length) {
            super(length);
            data = new float[length];
        }

        @Override
        void load(INDArray a, long from) {
            FloatBuffer b = a.data().asNioFloat();
            b.position(Math.toIntExact(a.offset() + from));
            b.get(data, 0, length);
        }

        @Override
        void store(INDArray a, long to) {
            FloatBuffer b = a.data().asNioFloat();
            b.position(Math.toIntExact(a.offset() + to));
            b.put(data, 0, length);
        }

        @Override
        void gather(HostBuffer x, int channels, PatchIndex index) {
            float[] src = ((Floats) x).data;
            int[] map = index.source;
            int plane = index.planeSize();
            int r = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                for (int i : map) {
                    data[r++] = i < 0 ? 0 : src[base + i];
                }
            }
        }

        @Override
        void scatterAdd(HostBuffer cols, int channels, PatchIndex index) {
            float[] src = ((Floats) cols).data;
            int[] map = index.source;
            int plane = index.planeSize();
            int r = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                for (int i : map) {
                    if (i >= 0) {
                        data[base + i] += src[r];
                    }
                    r++;
                }
            }
        }

        @Override
        void accumulateTaps(HostBuffer x, int xOff, double[] w, PatchIndex index, int yOff) {
            float[] src = ((Floats) x).data;
            int[] map = index.source;
            int pixels = index.pixels();
            for (int t = 0; t < index.taps; t++) {
                float wt = (float) w[t];
                int row = t * pixels;
                for (int p = 0; p < pixels; p++) {
                    int i = map[row + p];
                    if (i >= 0) {
                        data[yOff + p] += wt * src[xOff + i];
                    }
                }
            }
        }

        @Override
        void scatterTaps(HostBuffer gy, int gyOff, double[] w, PatchIndex index, int xOff) {
            float[] src = ((Floats) gy).data;
            int[] map = index.source;
            int pixels = index.pixels();
            for (int t = 0; t < index.taps; t++) {
                float wt = (float) w[t];
                int row = t * pixels;
                for (int p = 0; p < pixels; p++) {
                    int i = map[row + p];
                    if (i >= 0) {
                        data[xOff + i] += wt * src[gyOff + p];
                    }
                }
            }
        }

        @Override
        void correlateTaps(int xOff, HostBuffer gy, int gyOff, PatchIndex index, double[] gw) {
            float[] g = ((Floats) gy).data;
            int[] map = index.source;
            int pixels = index.pixels();
            for (int t = 0; t < index.taps; t++) {
                int row = t * pixels;
                float acc = 0;
                for (int p = 0; p < pixels; p++) {
                    int i = map[row + p];
                    if (i >= 0) {
                        acc += g[gyOff + p] * data[xOff + i];
                    }
                }
                gw[t] += acc;
            }
        }

        @Override
        double get(int i) {
            return data[i];
        }

        @Override
        void setAll(double[] values) {
            for (int i = 0; i < values.length; i++) {
                data[i] = (float) values[i];
            }
        }

        @Override
        void clear() {
            Arrays.fill(data, 0);
        }
    }

    /** float64 storage. */
    static final class Doubles extends HostBuffer {
        final double[] data;

        Doubles(int length) {
            super(length);
            data = new double[length];
        }

        @Override
        void load(INDArray a, long from) {
            DoubleBuffer b = a.data().asNioDouble();
            b.position(Math.toIntExact(a.offset() + from));
            b.get(data, 0, length);
        }

        @Override
        void store(INDArray a, long to) {
            DoubleBuffer b = a.data().asNioDouble();
            b.position(Math.toIntExact(a.offset() + to));
            b.put(data, 0, length);
        }

        @Override
        void gather(HostBuffer x, int channels, PatchIndex index) {
            double[] src = ((Doubles) x).data;
            int[] map = index.source;
            int plane = index.planeSize();
            int r = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                for (int i : map) {
                    data[r++] = i < 0 ? 0 : src[base + i];
                }
            }
        }

        @Override
        void scatterAdd(HostBuffer cols, int channels, PatchIndex index) {
            double[] src = ((Doubles) cols).data;
            int[] map = index.source;
            int plane = index.planeSize();
            int r = 0;
            for (int c = 0; c < channels; c++) {
                int base = c * plane;
                for (int i : map) {
                    if (i >= 0) {
                        data[base + i] += src[r];
                    }
                    r++;
                }
            }
        }

        @Override
        void accumulateTaps(HostBuffer x, int xOff, double[] w, PatchIndex index, int yOff) {
            double[] src = ((Doubles) x).data;
            int[] map = index.source;
            int pixels = index.pixels();
            for (int t = 0; t < index.taps; t++) {
                double wt = (double) w[t];
                int row = t * pixels;
                for (int p = 0; p < pixels; p++) {
                    int i = map[row + p];
                    if (i >= 0) {
                        data[yOff + p] += wt * src[xOff + i];
                    }
                }
            }
        }

        @Override
        void scatterTaps(HostBuffer gy, int gyOff, double[] w, PatchIndex index, int xOff) {
            double[] src = ((Doubles) gy).data;
            int[] map = index.source;
            int pixels = index.pixels();
            for (int t = 0; t < index.taps; t++) {
                double wt = (double) w[t];
                int row = t * pixels;
                for (int p = 0; p < pixels; p++) {
                    int i = map[row + p];
                    if (i >= 0) {
                        data[xOff + i] += wt * src[gyOff + p];
                    }
                }
            }
        }

        @Override
        void correlateTaps(int xOff, HostBuffer gy, int gyOff, PatchIndex index, double[] gw) {
            double[] g = ((Doubles) gy).data;
            int[] map = index.source;
            int pixels = index.pixels();
            for (int t = 0; t < index.taps; t++) {
                int row = t * pixels;
                double acc = 0;
                for (int p = 0; p < pixels; p++) {
                    int i = map[row + p];
                    if (i >= 0) {
                        acc += g[gyOff + p] * data[xOff + i];
                    }
                }
                gw[t] += acc;
            }
        }

        @Override
        double get(int i) {
            return data[i];
        }

        @Override
        void setAll(double[] values) {
            System.arraycopy(values, 0, data, 0, values.length);
        }

        @Override
        void clear() {
            Arrays.fill(data, 0);
        }
    }
}
