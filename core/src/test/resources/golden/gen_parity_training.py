#!/usr/bin/python3
"""Writes parity_training_cases.jsonl: PyTorch 1.13 float64 reference cases for NaN rules,
weighted / ignoring losses, learning-rate schedules and optimisers (see README.md, set 3).

Run from this directory with the system Python that has PyTorch:
    /usr/bin/python3 gen_parity_training.py > parity_training_cases.jsonl
"""
import json
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

SEED = 515151
rng = np.random.default_rng(SEED)
torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
NAN = float("nan")
cases = []


def num(v):
    v = float(v)
    return "NaN" if math.isnan(v) else v


def tensor(t):
    if t is None:
        return None
    t = torch.as_tensor(t).detach()
    if t.dtype in (torch.int64, torch.int32, torch.bool):
        data = [int(v) for v in t.reshape(-1).tolist()]
    else:
        data = [num(v) for v in t.reshape(-1).tolist()]
    return {"shape": list(t.shape), "data": data}


def randn(*shape):
    return torch.tensor(rng.standard_normal(shape))


def add(op, name, params, tags=(), **fields):
    rec = {"id": "p%03d_%s" % (len(cases) + 1, name), "op": op, "dtype": "float64", "tags": list(tags),
           "params": params, "seed": SEED}
    for k, v in fields.items():
        rec[k] = v if isinstance(v, (int, float, list, str)) else tensor(v)
    cases.append(rec)


# ---- NaN rules ---------------------------------------------------------------------------

def max_pool_nan(name, x, kernel, stride, padding, dilation=(1, 1)):
    x = x.clone().requires_grad_(True)
    y, idx = F.max_pool2d(x, kernel, stride, padding, dilation, return_indices=True)
    gy = randn(*y.shape)
    (gx,) = torch.autograd.grad(y, x, gy)
    add("max_pool2d_nan", name, {"kernel_size": list(kernel), "stride": list(stride), "padding": list(padding),
                                 "dilation": list(dilation), "ceil_mode": False}, ["nan"],
        x=x, y=y, indices=idx, gy=gy, gx=gx)


x = randn(2, 2, 4, 6)
for n, c, i, j in [(0, 0, 0, 1), (0, 0, 1, 0), (0, 0, 1, 1), (0, 1, 2, 2), (0, 1, 3, 3), (1, 0, 0, 4),
                   (1, 0, 1, 5), (1, 1, 2, 0), (1, 1, 3, 1), (1, 1, 2, 1)]:
    x[n, c, i, j] = NAN
max_pool_nan("maxpool_k2_two_nans", x, (2, 2), (2, 2), (0, 0))
max_pool_nan("maxpool_k3s1p1_two_nans", x, (3, 3), (1, 1), (1, 1))
max_pool_nan("maxpool_k2s1_dil2_nans", x, (2, 2), (1, 1), (0, 0), (2, 2))

xr = torch.tensor([NAN, -1.0, 0.0, -0.0, 2.5, NAN, 0.5, -3.0]).reshape(2, 4).requires_grad_(True)
yr = F.relu(xr)
gyr = randn(2, 4)
(gxr,) = torch.autograd.grad(yr, xr, gyr)
add("relu_nan", "relu_nan", {}, ["nan"], x=xr, y=yr, gy=gyr, gx=gxr)


# ---- losses --------------------------------------------------------------------------------

def loss_case(op, name, params, tags, inputs, fn, target_fields):
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    loss = fn(**leaves)
    gloss = randn(*loss.shape) if loss.dim() > 0 else torch.tensor(1.0)
    grads = torch.autograd.grad(loss, list(leaves.values()), gloss)
    fields = dict(inputs)
    fields.update(target_fields)
    fields["loss"] = loss
    fields["gloss"] = gloss
    for k, g in zip(leaves, grads):
        fields["g" + k] = g
    add(op, name, params, tags, **fields)


def class_targets(shape, ignore_index, ignored_at):
    """Random class indices for an input [N, C, ...], set to ignore_index at the flat positions given."""
    target = torch.tensor(rng.integers(0, shape[1], size=(shape[0],) + tuple(shape[2:])))
    flat = target.reshape(-1)
    for at in ignored_at:
        flat[at] = ignore_index
    return target


def ce(name, shape, reduction, weight, ignore_index, smoothing, ignored_at=(), tags=()):
    logits = randn(*shape)
    target = class_targets(shape, ignore_index, ignored_at)
    w = None if weight is None else torch.tensor(weight)
    params = {"reduction": reduction, "label_smoothing": smoothing, "ignore_index": ignore_index}
    loss_case("cross_entropy_weighted", name, params, tags, {"logits": logits},
              lambda logits: F.cross_entropy(logits, target, weight=w, ignore_index=ignore_index,
                                             reduction=reduction, label_smoothing=smoothing),
              {"target": target, "weight": w})


W5 = [0.5, 2.0, 1.0, 0.25, 3.0]
ce("ce_weight_mean", (6, 5), "mean", W5, -100, 0.0, tags=["weight", "mean"])
ce("ce_weight_ignore_mean", (6, 5), "mean", W5, -100, 0.0, (1, 4), ["weight", "ignore_index", "mean"])
ce("ce_ignore_class1_mean", (6, 5), "mean", None, 1, 0.0, (0, 3), ["ignore_index", "mean"])
ce("ce_weight_ignore_sum", (6, 5), "sum", W5, 2, 0.0, (2,), ["weight", "ignore_index", "sum"])
ce("ce_weight_ignore_none", (6, 5), "none", W5, -100, 0.0, (5,), ["weight", "ignore_index", "none"])
ce("ce_weight_ignore_smooth_mean", (6, 5), "mean", W5, -100, 0.2, (1, 4), ["weight", "ignore_index", "label_smoothing"])
ce("ce_weight_ignore_smooth_none", (6, 5), "none", W5, 3, 0.1, (0,), ["weight", "ignore_index", "label_smoothing"])
ce("ce_ignore_smooth_mean", (6, 5), "mean", None, -100, 0.3, (2, 3), ["ignore_index", "label_smoothing"])
ce("ce_spatial_weight_ignore_mean", (2, 3, 3, 2), "mean", [1.5, 0.5, 2.0], -1, 0.0, (0, 5, 7),
   ["weight", "ignore_index", "spatial"])
ce("ce_spatial_weight_ignore_smooth_sum", (2, 3, 3, 2), "sum", [1.5, 0.5, 2.0], -1, 0.1, (4,),
   ["weight", "ignore_index", "spatial", "label_smoothing"])

probs = torch.softmax(randn(4, 5), 1)
loss_case("cross_entropy_weighted", "ce_soft_targets_weight_smooth", {"reduction": "mean", "label_smoothing": 0.1,
                                                                       "ignore_index": -100},
          ["weight", "soft_targets"], {"logits": randn(4, 5)},
          lambda logits: F.cross_entropy(logits, probs, weight=torch.tensor(W5), label_smoothing=0.1),
          {"target": probs, "weight": torch.tensor(W5)})


def nll(name, shape, reduction, weight, ignore_index, ignored_at=(), tags=()):
    logp = torch.log_softmax(randn(*shape), 1)
    target = class_targets(shape, ignore_index, ignored_at)
    w = None if weight is None else torch.tensor(weight)
    loss_case("nll_loss", name, {"reduction": reduction, "ignore_index": ignore_index}, tags, {"input": logp},
              lambda input: F.nll_loss(input, target, weight=w, ignore_index=ignore_index, reduction=reduction),
              {"target": target, "weight": w})


nll("nll_weight_ignore_mean", (6, 5), "mean", W5, -100, (0, 2), ["weight", "ignore_index", "mean"])
nll("nll_weight_sum", (6, 5), "sum", W5, -100, (), ["weight", "sum"])
nll("nll_weight_ignore_none", (6, 5), "none", W5, 4, (3,), ["weight", "ignore_index", "none"])
nll("nll_spatial_weight_ignore_mean", (2, 3, 2, 3), "mean", [1.5, 0.5, 2.0], 0, (1,), ["weight", "ignore_index", "spatial"])


def bce(name, shape, reduction, pos_weight_shape, weight_shape, tags):
    logits = randn(*shape) * 3
    target = torch.tensor(rng.uniform(0, 1, size=shape))
    target.reshape(-1)[::3] = torch.round(target.reshape(-1)[::3])
    pw = None if pos_weight_shape is None else torch.tensor(rng.uniform(0.2, 3, size=pos_weight_shape))
    w = None if weight_shape is None else torch.tensor(rng.uniform(0.1, 2, size=weight_shape))
    loss_case("bce_with_logits_weighted", name, {"reduction": reduction}, tags, {"logits": logits},
              lambda logits: F.binary_cross_entropy_with_logits(logits, target, weight=w, pos_weight=pw,
                                                                reduction=reduction),
              {"target": target, "weight": w, "pos_weight": pw})


bce("bce_pos_weight_mean", (4, 3), "mean", (3,), None, ["pos_weight", "mean"])
bce("bce_weight_sum", (4, 3), "sum", None, (4, 3), ["weight", "sum"])
bce("bce_pos_weight_weight_none", (4, 3), "none", (3,), (3,), ["pos_weight", "weight", "none"])
bce("bce_pos_weight_weight_mean_4d", (2, 3, 2, 2), "mean", (3, 1, 1), (2, 1, 2, 2), ["pos_weight", "weight", "rank4"])
bce("bce_pos_weight_weight_mean_2", (3, 4), "mean", (4,), (4,), ["pos_weight", "weight"])


# ---- schedules -----------------------------------------------------------------------------

def lrs_of(make, epochs, base_lr=0.1, metrics=None):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    sched = make(opt)
    lrs = []
    for e in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[e])
    return lrs


S = torch.optim.lr_scheduler


def sched_case(op, name, params, make, epochs, base_lr=0.1, metrics=None, tags=()):
    params = dict(params, base_lr=base_lr, epochs=epochs)
    fields = {"lrs": lrs_of(make, epochs, base_lr, metrics)}
    if metrics is not None:
        fields["metrics"] = list(metrics)
    add(op, name, params, ["scheduler"] + list(tags), **fields)


sched_case("step_lr", "step_lr_gamma0", {"step_size": 2, "gamma": 0.0},
           lambda o: S.StepLR(o, 2, gamma=0.0), 6, tags=["gamma0"])
sched_case("multi_step_lr", "multi_step_lr", {"milestones": [2, 5, 5, 7], "gamma": 0.5},
           lambda o: S.MultiStepLR(o, [2, 5, 5, 7], gamma=0.5), 10, tags=["repeated_milestone"])
sched_case("exponential_lr", "exponential_lr", {"gamma": 0.9}, lambda o: S.ExponentialLR(o, 0.9), 12, base_lr=0.3)
sched_case("linear_lr", "linear_lr_warmup", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 4},
           lambda o: S.LinearLR(o, 0.25, 1.0, 4), 8)
sched_case("linear_lr", "linear_lr_decay", {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 5},
           lambda o: S.LinearLR(o, 1.0, 0.1, 5), 9, base_lr=0.05)
sched_case("one_cycle_lr", "one_cycle_cos", {"max_lr": 0.5, "total_steps": 20, "pct_start": 0.3,
                                             "anneal_strategy": "cos", "div_factor": 25.0,
                                             "final_div_factor": 10000.0, "three_phase": False},
           lambda o: S.OneCycleLR(o, 0.5, total_steps=20, cycle_momentum=False), 20)
sched_case("one_cycle_lr", "one_cycle_linear_three_phase", {"max_lr": 0.2, "total_steps": 17, "pct_start": 0.25,
                                                            "anneal_strategy": "linear", "div_factor": 10.0,
                                                            "final_div_factor": 100.0, "three_phase": True},
           lambda o: S.OneCycleLR(o, 0.2, total_steps=17, pct_start=0.25, anneal_strategy="linear",
                                  div_factor=10.0, final_div_factor=100.0, three_phase=True,
                                  cycle_momentum=False), 17)
sched_case("sequential_lr", "warmup_then_cosine", {"warmup_start_factor": 0.1, "warmup_iters": 3, "T_max": 6,
                                                   "eta_min": 0.001, "milestone": 3},
           lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.1, 1.0, 3), S.CosineAnnealingLR(o, 6, 0.001)], [3]), 11)
sched_case("sequential_lr", "warmup_then_cosine_no_min", {"warmup_start_factor": 0.2, "warmup_iters": 2, "T_max": 4,
                                                          "eta_min": 0.0, "milestone": 2},
           lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.2, 1.0, 2), S.CosineAnnealingLR(o, 4, 0.0)], [2]), 7,
           base_lr=0.01)
metrics_min = [1.0, 0.9, 0.95, 0.9, 0.91, 0.8999, 0.93, 0.7, 0.71, 0.72, 0.73, 0.74, 0.75, 0.76, 0.77]
sched_case("reduce_lr_on_plateau", "plateau_min_rel", {"mode": "min", "factor": 0.5, "patience": 2,
                                                       "threshold": 1e-4, "threshold_mode": "rel", "cooldown": 1,
                                                       "min_lr": 0.02, "eps": 1e-8},
           lambda o: S.ReduceLROnPlateau(o, "min", 0.5, 2, 1e-4, "rel", 1, 0.02), len(metrics_min),
           metrics=metrics_min)
metrics_max = [0.5, 0.6, 0.6, 0.65, 0.66, 0.64, 0.7, 0.7, 0.705, 0.69, 0.71, 0.9]
sched_case("reduce_lr_on_plateau", "plateau_max_abs", {"mode": "max", "factor": 0.1, "patience": 1,
                                                       "threshold": 0.01, "threshold_mode": "abs", "cooldown": 0,
                                                       "min_lr": 0.0, "eps": 1e-8},
           lambda o: S.ReduceLROnPlateau(o, "max", 0.1, 1, 0.01, "abs", 0, 0.0), len(metrics_max),
           metrics=metrics_max)


# ---- optimisers ----------------------------------------------------------------------------

def optim_case(op, name, params, make, tags=()):
    p0 = randn(3, 4)
    grads = [randn(3, 4) * s for s in (1.0, 0.02, 0.5, 0.01)]
    p = p0.clone().requires_grad_(True)
    opt = make([p])
    fields = {"p0": p0}
    for k, g in enumerate(grads, 1):
        p.grad = g.clone()
        opt.step()
        fields["g%d" % k] = g
        fields["p%d" % k] = p.detach().clone()
    add(op, name, dict(params, steps=4), tags, **fields)


O = torch.optim


def rms(name, lr=0.01, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False, maximize=False):
    optim_case("rmsprop", name, {"lr": lr, "alpha": alpha, "eps": eps, "weight_decay": weight_decay,
                                 "momentum": momentum, "centered": centered, "maximize": maximize},
               lambda ps: O.RMSprop(ps, lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay, momentum=momentum,
                                    centered=centered, maximize=maximize))


rms("rmsprop_default")
rms("rmsprop_alpha_eps", alpha=0.9, eps=1e-3)
rms("rmsprop_momentum_wd", momentum=0.9, weight_decay=0.05)
rms("rmsprop_centered", centered=True, lr=0.003)
rms("rmsprop_centered_momentum_wd_maximize", centered=True, momentum=0.5, weight_decay=0.01, maximize=True)


def adagrad(name, lr=0.01, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10,
            maximize=False):
    optim_case("adagrad", name, {"lr": lr, "lr_decay": lr_decay, "weight_decay": weight_decay,
                                 "initial_accumulator_value": initial_accumulator_value, "eps": eps,
                                 "maximize": maximize},
               lambda ps: O.Adagrad(ps, lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                                    initial_accumulator_value=initial_accumulator_value, eps=eps, maximize=maximize))


adagrad("adagrad_default")
adagrad("adagrad_lr_decay", lr=0.1, lr_decay=0.3)
adagrad("adagrad_wd_init_acc", weight_decay=0.1, initial_accumulator_value=0.5, lr=0.05)
adagrad("adagrad_eps_maximize", eps=1e-2, maximize=True, lr_decay=0.01)

optim_case("sgd", "sgd_maximize_momentum_wd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "nesterov": False,
                                               "weight_decay": 0.01, "maximize": True},
           lambda ps: O.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01, maximize=True),
           ["maximize"])
optim_case("sgd", "sgd_maximize_nesterov", {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "nesterov": True,
                                            "weight_decay": 0.0, "maximize": True},
           lambda ps: O.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, maximize=True), ["maximize"])
optim_case("adam", "adam_maximize_amsgrad_wd", {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8,
                                                "weight_decay": 0.01, "amsgrad": True, "maximize": True},
           lambda ps: O.Adam(ps, lr=0.01, weight_decay=0.01, amsgrad=True, maximize=True), ["maximize"])
optim_case("adamw", "adamw_maximize", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-8, "weight_decay": 0.05,
                                       "amsgrad": False, "maximize": True},
           lambda ps: O.AdamW(ps, lr=0.01, betas=(0.8, 0.99), weight_decay=0.05, maximize=True), ["maximize"])

for c in cases:
    sys.stdout.write(json.dumps(c, separators=(",", ":"), allow_nan=False) + "\n")
