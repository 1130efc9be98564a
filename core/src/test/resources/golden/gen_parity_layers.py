#!/usr/bin/python3
"""Writes parity_layer_cases.jsonl: PyTorch 1.13 float64 references for batch-norm options,
pooling options (divisor_override, adaptive max pooling, max unpooling), interpolation,
string padding of conv2d, negative (cropping) padding, pixel unshuffle and unbatched [C, H, W]
inputs. Run with /usr/bin/python3 from this directory; the output is committed beside it.

Every tensor is {"shape": [...], "data": [...]} in row-major order, numbers by repr (exact
float64). gy is a random upstream gradient; gx, gw, ... are what backward(gy) leaves in .grad.
"""
import json
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
SEED = 20261129
rng = np.random.default_rng(SEED)
out = []


def t(a):
    if a is None:
        return None
    a = a.detach()
    if a.dtype in (torch.int64, torch.int32):
        return {"shape": list(a.shape), "data": [int(v) for v in a.reshape(-1).tolist()]}
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1).tolist()]}


def randn(*shape):
    return torch.tensor(rng.standard_normal(shape))


def case(cid, op, params, **tensors):
    rec = {"id": cid, "op": op, "dtype": "float64", "params": params, "seed": SEED}
    for k, v in tensors.items():
        rec[k] = t(v)
    out.append(rec)


def vjp(f, inputs):
    """y = f(*inputs); returns y, gy and the gradients of <y, gy> for every input needing grad."""
    y = f(*inputs)
    gy = randn(*y.shape)
    needs = [i for i in inputs if i is not None and i.requires_grad]
    grads = torch.autograd.grad(y, needs, gy, allow_unused=True)
    it = iter(grads)
    return y, gy, [next(it) if (i is not None and i.requires_grad) else None for i in inputs]


def leaf(a):
    return a.clone().requires_grad_(True)


# ---- batch norm: affine, track_running_stats, momentum=None ---------------------------------
def bn_case(cid, c, shape, eps, momentum, affine, track, steps, training):
    bn = torch.nn.BatchNorm2d(c, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)
    if affine:
        with torch.no_grad():
            bn.weight.copy_(randn(c))
            bn.bias.copy_(randn(c))
    if track:
        with torch.no_grad():
            bn.running_mean.copy_(randn(c))
            bn.running_var.copy_(torch.tensor(rng.uniform(0.5, 2.0, c)))
    w0 = None if not affine else bn.weight.detach().clone()
    b0 = None if not affine else bn.bias.detach().clone()
    rm0 = None if not track else bn.running_mean.clone()
    rv0 = None if not track else bn.running_var.clone()
    bn.train(training)
    xs, ys = [], []
    for s in range(steps):
        x = randn(*shape) * (1 + s) + s
        x.requires_grad_(True)
        y = bn(x)
        xs.append(x)
        ys.append(y)
    gy = randn(*ys[-1].shape)
    params = [xs[-1]] + ([bn.weight, bn.bias] if affine else [])
    grads = torch.autograd.grad(ys[-1], params, gy)
    case(cid, "batch_norm2d_options",
         {"num_features": c, "eps": eps, "momentum": momentum, "affine": affine,
          "track_running_stats": track, "training": training, "steps": steps},
         weight=w0, bias=b0, running_mean=rm0, running_var=rv0,
         xs=torch.stack([x.detach() for x in xs]), ys=torch.stack([y.detach() for y in ys]), gy=gy, gx=grads[0],
         gweight=grads[1] if affine else None, gbias=grads[2] if affine else None,
         running_mean_after=None if not track else bn.running_mean,
         running_var_after=None if not track else bn.running_var,
         num_batches_tracked_after=None if not track else bn.num_batches_tracked)


bn_case("p001_bn_no_affine_train", 3, (4, 3, 3, 2), 1e-5, 0.1, False, True, 1, True)
bn_case("p002_bn_no_affine_eval", 3, (2, 3, 2, 3), 1e-5, 0.1, False, True, 1, False)
bn_case("p003_bn_untracked_train", 2, (3, 2, 3, 3), 1e-3, 0.1, True, False, 2, True)
bn_case("p004_bn_untracked_eval_uses_batch", 2, (3, 2, 2, 3), 1e-5, 0.1, True, False, 1, False)
bn_case("p005_bn_cumulative_3_steps", 3, (2, 3, 3, 3), 1e-5, None, True, True, 3, True)
bn_case("p006_bn_cumulative_no_affine_2_steps", 2, (4, 2, 2, 2), 1e-4, None, False, True, 2, True)
bn_case("p007_bn_momentum_0_3_eps_0_01", 2, (2, 2, 3, 2), 0.01, 0.3, True, True, 2, True)


# ---- average pooling with divisor_override ---------------------------------------------------
def avg_case(cid, shape, k, s, p, ceil, cip, div):
    x = leaf(randn(*shape))
    y, gy, (gx,) = vjp(lambda a: F.avg_pool2d(a, k, s, p, ceil, cip, div), [x])
    case(cid, "avg_pool2d_divisor", {"kernel_size": k, "stride": s, "padding": p, "ceil_mode": ceil,
                                     "count_include_pad": cip, "divisor_override": div}, x=x, y=y, gy=gy, gx=gx)


avg_case("p010_avg_div3", (2, 2, 4, 6), [2, 2], [2, 2], [0, 0], False, True, 3)
avg_case("p011_avg_div1_pad_overlap", (1, 2, 5, 5), [3, 3], [2, 2], [1, 1], False, True, 1)
avg_case("p012_avg_div7_exclude_pad_ceil", (1, 3, 5, 4), [3, 2], [2, 1], [1, 1], True, False, 7)
avg_case("p013_avg_div5_unbatched", (2, 5, 5), [2, 3], [1, 2], [0, 1], False, True, 5)


# ---- adaptive max pooling --------------------------------------------------------------------
def amax_case(cid, shape, osz):
    x = leaf(randn(*shape))
    yi = F.adaptive_max_pool2d(x, osz, return_indices=True)
    y, idx = yi
    gy = randn(*y.shape)
    (gx,) = torch.autograd.grad(y, [x], gy)
    case(cid, "adaptive_max_pool2d", {"output_size": list(osz)}, x=x, y=y, indices=idx, gy=gy, gx=gx)


amax_case("p020_amax_7x5_to_3x2", (2, 2, 7, 5), (3, 2))
amax_case("p021_amax_global", (1, 3, 4, 5), (1, 1))
amax_case("p022_amax_upsampling_bins", (1, 2, 3, 2), (5, 4))
amax_case("p023_amax_unbatched", (3, 6, 6), (4, 4))


# ---- max unpooling ---------------------------------------------------------------------------
def unpool_case(cid, shape, k, s, p, output_size=None):
    x0 = randn(*shape)
    pooled, idx = F.max_pool2d(x0, k, s, p, return_indices=True)
    v = leaf(pooled.detach() + 0.0)
    y, gy, (gv,) = vjp(lambda a: F.max_unpool2d(a, idx, k, s, p, output_size), [v])
    case(cid, "max_unpool2d", {"kernel_size": k, "stride": s, "padding": p, "output_size": output_size},
         x=v, indices=idx, y=y, gy=gy, gx=gv)


unpool_case("p030_unpool_k2", (2, 2, 4, 6), [2, 2], [2, 2], [0, 0])
unpool_case("p031_unpool_k2_output_size", (1, 2, 5, 5), [2, 2], [2, 2], [0, 0], [5, 5])
unpool_case("p032_unpool_k3s2p1_duplicates", (1, 1, 5, 5), [3, 3], [2, 2], [1, 1])
unpool_case("p033_unpool_rect_unbatched", (2, 4, 7), [2, 3], [2, 2], [0, 1])
unpool_case("p034_unpool_full_shape_output_size", (2, 1, 6, 4), [2, 2], [2, 2], [0, 0], [2, 1, 7, 5])


# ---- interpolation ---------------------------------------------------------------------------
def interp_case(cid, shape, mode, size=None, scale=None, align=None, recompute=None):
    x = leaf(randn(*shape))
    y, gy, (gx,) = vjp(lambda a: F.interpolate(a, size=size, scale_factor=scale, mode=mode, align_corners=align,
                                               recompute_scale_factor=recompute), [x])
    case(cid, "interpolate", {"mode": mode, "size": size, "scale_factor": scale, "align_corners": align,
                              "recompute_scale_factor": recompute}, x=x, y=y, gy=gy, gx=gx)


interp_case("p040_nearest_x2", (2, 2, 3, 4), "nearest", scale=2.0)
interp_case("p041_nearest_size_5x7", (1, 2, 3, 4), "nearest", size=[5, 7])
interp_case("p042_nearest_scale_1_7", (1, 1, 5, 3), "nearest", scale=1.7)
interp_case("p043_nearest_scale_1_7_recompute", (1, 1, 5, 3), "nearest", scale=1.7, recompute=True)
interp_case("p044_nearest_down_size", (1, 2, 7, 6), "nearest", size=[3, 4])
interp_case("p045_nearest_scale_hw", (1, 1, 4, 5), "nearest", scale=[2.5, 0.6])
interp_case("p046_bilinear_x2", (2, 2, 3, 4), "bilinear", scale=2.0, align=False)
interp_case("p047_bilinear_x2_align", (1, 2, 3, 4), "bilinear", scale=2.0, align=True)
interp_case("p048_bilinear_size_5x7", (1, 2, 3, 4), "bilinear", size=[5, 7], align=False)
interp_case("p049_bilinear_size_align", (1, 1, 4, 3), "bilinear", size=[7, 1], align=True)
interp_case("p050_bilinear_scale_1_7", (1, 1, 5, 3), "bilinear", scale=1.7, align=False)
interp_case("p051_bilinear_scale_1_7_recompute", (1, 1, 5, 3), "bilinear", scale=1.7, align=False, recompute=True)
interp_case("p052_bilinear_down", (1, 2, 7, 6), "bilinear", size=[3, 4], align=False)
interp_case("p053_bilinear_scale_1_1_same_size", (1, 1, 5, 5), "bilinear", scale=1.1, align=False)
interp_case("p054_bilinear_down_align", (1, 1, 6, 5), "bilinear", scale=0.5, align=True)


# ---- conv2d with padding strings ---------------------------------------------------------------
def conv_str_case(cid, shape, wshape, padding, dilation, groups, bias):
    x = leaf(randn(*shape))
    w = leaf(randn(*wshape))
    b = leaf(randn(wshape[0])) if bias else None
    y, gy, (gx, gw, gb) = vjp(lambda a, ww, bb: F.conv2d(a, ww, bb, 1, padding, dilation, groups), [x, w, b])
    case(cid, "conv2d_padding_string", {"padding": padding, "dilation": dilation, "groups": groups},
         x=x, weight=w, bias=b, y=y, gy=gy, gx=gx, gw=gw, gb=gb)


conv_str_case("p060_same_3x3", (2, 2, 5, 6), (3, 2, 3, 3), "same", [1, 1], 1, True)
conv_str_case("p061_same_even_kernel_asym", (1, 2, 5, 5), (2, 2, 2, 4), "same", [1, 1], 1, True)
conv_str_case("p062_same_dilated_groups", (1, 4, 6, 5), (4, 2, 3, 2), "same", [2, 3], 2, False)
conv_str_case("p063_valid", (2, 2, 5, 6), (3, 2, 3, 2), "valid", [1, 1], 1, True)
conv_str_case("p064_same_unbatched", (2, 4, 5), (3, 2, 2, 3), "same", [1, 1], 1, True)


# ---- padding with negative amounts -----------------------------------------------------------
def pad_case(cid, shape, pads, mode, value=0.0):
    x = leaf(randn(*shape))
    y, gy, (gx,) = vjp(lambda a: F.pad(a, pads, mode, value) if mode == "constant" else F.pad(a, pads, mode), [x])
    case(cid, "pad_negative", {"pads": list(pads), "mode": mode, "value": value}, x=x, y=y, gy=gy, gx=gx)


pad_case("p070_crop_constant", (1, 2, 4, 5), (-1, 2, 1, -2), "constant", 0.5)
pad_case("p071_crop_only", (2, 1, 5, 5), (-1, -2, -2, 0), "constant")
pad_case("p072_crop_reflect", (1, 1, 4, 5), (-1, 2, 1, -1), "reflect")
pad_case("p073_crop_replicate", (1, 2, 4, 4), (2, -1, -2, 3), "replicate")
pad_case("p074_crop_circular", (1, 1, 4, 5), (-1, 2, 1, -1), "circular")
pad_case("p075_crop_circular_both", (1, 1, 5, 4), (2, -1, -2, 1), "circular")


# ---- pixel unshuffle -------------------------------------------------------------------------
def unshuffle_case(cid, shape, r):
    x = leaf(randn(*shape))
    y, gy, (gx,) = vjp(lambda a: F.pixel_unshuffle(a, r), [x])
    case(cid, "pixel_unshuffle", {"downscale_factor": r}, x=x, y=y, gy=gy, gx=gx)


unshuffle_case("p080_unshuffle_2", (2, 2, 4, 6), 2)
unshuffle_case("p081_unshuffle_3", (1, 1, 6, 3), 3)
unshuffle_case("p082_unshuffle_unbatched", (2, 4, 2), 2)


# ---- unbatched [C, H, W] inputs through existing ops -------------------------------------------
def unbatched_case(cid, op, params, f, shapes):
    ins = [leaf(randn(*s)) for s in shapes]
    y, gy, grads = vjp(f, ins)
    rec = dict(("in%d" % i, a) for i, a in enumerate(ins))
    rec.update(("g%d" % i, g) for i, g in enumerate(grads))
    case(cid, "unbatched", dict(params, fn=op), y=y, gy=gy, **rec)


unbatched_case("p090_conv2d_unbatched", "conv2d", {"stride": [2, 1], "padding": [1, 0], "dilation": [1, 2], "groups": 1},
               lambda x, w, b: F.conv2d(x, w, b, (2, 1), (1, 0), (1, 2), 1), [(2, 5, 6), (3, 2, 3, 2), (3,)])
unbatched_case("p091_conv_transpose2d_unbatched", "conv_transpose2d",
               {"stride": [2, 2], "padding": [1, 0], "output_padding": [1, 0], "groups": 2, "dilation": [1, 1]},
               lambda x, w, b: F.conv_transpose2d(x, w, b, 2, (1, 0), (1, 0), 2), [(4, 3, 3), (4, 1, 3, 2), (2,)])
unbatched_case("p092_max_pool2d_unbatched", "max_pool2d", {"kernel_size": [3, 2], "stride": [2, 1], "padding": [1, 1]},
               lambda x: F.max_pool2d(x, (3, 2), (2, 1), (1, 1)), [(2, 5, 4)])
unbatched_case("p093_avg_pool2d_unbatched", "avg_pool2d", {"kernel_size": [2, 2], "stride": [2, 2], "padding": [0, 0]},
               lambda x: F.avg_pool2d(x, 2), [(3, 4, 5)])
unbatched_case("p094_adaptive_avg_pool2d_unbatched", "adaptive_avg_pool2d", {"output_size": [2, 3]},
               lambda x: F.adaptive_avg_pool2d(x, (2, 3)), [(2, 5, 7)])
unbatched_case("p095_pad_unbatched", "pad", {"pads": [1, 2, 2, 0], "mode": "reflect"},
               lambda x: F.pad(x, (1, 2, 2, 0), "reflect"), [(2, 3, 4)])
unbatched_case("p096_pixel_shuffle_unbatched", "pixel_shuffle", {"upscale_factor": 2},
               lambda x: F.pixel_shuffle(x, 2), [(8, 2, 3)])

with open("parity_layer_cases.jsonl", "w") as f:
    for rec in out:
        f.write(json.dumps(rec, separators=(",", ":")) + "\n")
print(len(out), "cases, torch", torch.__version__)
