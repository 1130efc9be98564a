/** Loss functions with PyTorch's names, formulas and reductions, as objects over the functional ops. */
package io.github.minidl.layers.loss;
