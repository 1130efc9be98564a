"""Writes the .safetensors fixtures of minidl's example models with PyTorch (1.13).

Run from this directory with /usr/bin/python3 gen_safetensors.py; the outputs are committed, so the
tests never need PyTorch. For each model it writes

  <model>.safetensors      the model's state_dict(), as safetensors.torch.save_file would
  <model>.io.safetensors   input_f32, output_f32, input_f64, output_f64: fixed inputs and PyTorch's
                           outputs in eval mode, and in __metadata__ "state_dict_keys", the JSON list
                           of the state_dict() keys in PyTorch's order

Each architecture is the one minidl builds (examples/train/ModelKind, examples/autoencoder/
ConvAutoencoder) with the same layers in the same order, so the keys are the same. The classifiers
are float32 (output_f64 is the same weights run in float64); the autoencoder is float64 (output_f32
is the same weights rounded to float32, as load_state_dict into a float32 model does).

The safetensors package is not needed: the format is written here with struct and json, exactly as
its reference writer lays it out (checked below against that writer's own test vectors).
"""
import copy
import json
import struct
import sys

import torch
from torch import nn

# The reference writer's dtype order (increasing alignment); it writes the widest first.
DTYPES = {torch.bool: "BOOL", torch.uint8: "U8", torch.int8: "I8", torch.int16: "I16",
          torch.float16: "F16", torch.bfloat16: "BF16", torch.int32: "I32", torch.float32: "F32",
          torch.float64: "F64", torch.int64: "I64"}
RANK = {name: i for i, name in enumerate(
    ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64",
     "U64"])}


def serialize(tensors, metadata=None):
    assert sys.byteorder == "little"
    items = sorted(tensors.items(), key=lambda kv: (-RANK[DTYPES[kv[1].dtype]], kv[0].encode("utf-8")))
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in items:
        data = t.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def check_against_reference_vectors():
    attn = torch.arange(6, dtype=torch.float32).reshape(1, 2, 3)
    assert serialize({"attn.0": attn}) == bytes([
        64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
        116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
        58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
        101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
        0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64])
    assert serialize({}, {"framework": "pt"}) == bytes([
        40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
        95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
        116, 34, 125, 125, 32, 32, 32, 32, 32])


class DepthwiseSeparable(nn.Module):
    """minidl's DepthwiseSeparableConv2d with normalization and activation: the same submodule names."""

    def __init__(self, cin, cout):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, 3, padding=1, groups=cin)
        self.norm = nn.BatchNorm2d(cin)
        self.act = nn.ReLU()
        self.pointwise = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.pointwise(self.act(self.norm(self.depthwise(x))))


def classifier(kind, c1=32, c2=64):
    if kind == "standard":
        features = nn.Sequential(
            nn.Conv2d(1, c1, 3, padding=1), nn.MaxPool2d(2), nn.BatchNorm2d(c1), nn.ReLU(),
            nn.Conv2d(c1, c2, 3, padding=1), nn.MaxPool2d(2), nn.BatchNorm2d(c2), nn.ReLU())
    elif kind == "separable":
        features = nn.Sequential(
            nn.Conv2d(1, c1, 3, padding=1), nn.MaxPool2d(2), nn.BatchNorm2d(c1), nn.ReLU(),
            DepthwiseSeparable(c1, c2), nn.MaxPool2d(2), nn.BatchNorm2d(c2), nn.ReLU())
    else:
        features = nn.Sequential(
            nn.Conv2d(1, c1, 3, stride=2, padding=1), nn.BatchNorm2d(c1), nn.ReLU(),
            nn.Conv2d(c1, c2, 3, stride=2, dilation=2, padding=2), nn.BatchNorm2d(c2), nn.ReLU())
    return nn.Sequential(features, nn.Flatten(), nn.Linear(c2 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.25),
                         nn.Linear(128, 10))


class ConvAutoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
                                     nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU())
        self.decoder = nn.Sequential(nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1), nn.ReLU(),
                                     nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


def trained_looking_batch_norms(model, gen):
    """BatchNorm's defaults (1, 0, 0, 1, 0) would not show whether its arrays load into the right places."""
    for i, m in enumerate(mod for mod in model.modules() if isinstance(mod, nn.BatchNorm2d)):
        n = m.num_features
        with torch.no_grad():
            m.weight.copy_(0.5 + torch.rand(n, generator=gen))
            m.bias.copy_(0.2 * torch.randn(n, generator=gen))
            m.running_mean.copy_(0.2 * torch.randn(n, generator=gen))
            m.running_var.copy_(0.05 + 0.5 * torch.rand(n, generator=gen))
        m.num_batches_tracked.fill_(3 + 4 * i)


def write(name, model, inputs):
    keys = list(model.state_dict().keys())
    with open(name + ".safetensors", "wb") as f:
        f.write(serialize(model.state_dict(), {"format": "pt"}))
    outputs = {}
    for suffix, dtype in (("f32", torch.float32), ("f64", torch.float64)):
        m = copy.deepcopy(model).to(dtype).eval()
        x = inputs[suffix]
        with torch.no_grad():
            outputs["input_" + suffix] = x
            outputs["output_" + suffix] = m(x)
    with open(name + ".io.safetensors", "wb") as f:
        f.write(serialize(outputs, {"state_dict_keys": json.dumps(keys)}))


def inputs(gen, n):
    return {"f32": torch.rand(n, 1, 28, 28, generator=gen, dtype=torch.float32),
            "f64": torch.rand(n, 1, 28, 28, generator=gen, dtype=torch.float64)}


def main():
    check_against_reference_vectors()
    torch.manual_seed(15)
    gen = torch.Generator().manual_seed(15)
    for kind in ("standard", "separable", "dilated"):
        model = classifier(kind)
        trained_looking_batch_norms(model, gen)
        write(kind, model, inputs(gen, 4))
    # float64 weights that float32 cannot hold, to show the conversion on loading into a float32 model.
    auto = ConvAutoencoder().double()
    with torch.no_grad():
        for p in auto.parameters():
            p.add_(1e-3 * torch.randn(p.shape, generator=gen, dtype=torch.float64))
    assert all(t.dtype == torch.float64 for t in auto.state_dict().values())
    write("autoencoder", auto, inputs(gen, 2))


if __name__ == "__main__":
    main()
