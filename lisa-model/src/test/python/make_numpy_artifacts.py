"""Writes tiny lisa-model/1 artifacts of all four variants with NumPy only (np.save, hashlib, json),
plus expected.json next to each: reference scores from lisa_reference.py for three histories.

Usage (from the repository root):
    python3 lisa-model/src/test/python/make_numpy_artifacts.py lisa-model/src/test/resources/numpy-artifacts

The output is committed as test resources: Java must read what NumPy writes, and Java inference
must reproduce these scores. Deterministic: the same NumPy version writes the same bytes.
"""
import hashlib
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lisa_reference  # noqa: E402

N, D, F, MAX_LEN = 12, 8, 16, 6
B, W = 2, 4
BT, WT = 2, 5
DECAY, EPS = 0.1, 1e-5
SEED = 20210601
VARIANTS = ["lisa-base", "lisa-soft", "lisa-mini", "sasrec"]
# internal indices: length 1; longer than MAX_LEN; with repeats (the newest item seen before)
HISTORIES = [[3], [0, 5, 2, 9, 11, 4, 7, 1, 6, 10], [2, 7, 2, 2, 8, 7]]
# external ids deliberately unlike the internal indices, so a test mixing them up fails
ITEM_IDS = ["movie-%d" % (1000 + 37 * k) for k in range(N)]


def gaussian(rng, shape, mean=0.0, sd=0.5):
    return (mean + sd * rng.standard_normal(shape)).astype("<f4")


def make_tensors(variant, rng):
    """Tensors in the order of the contract's table."""
    t = {}
    lisa = variant != "sasrec"
    if lisa:
        t["codes"] = rng.integers(0, W, size=(N, B)).astype("<i4")
        t["codebooks"] = gaussian(rng, (B, W, D))
    heads = B if lisa else 1
    for name in ("w_q", "w_k", "w_v"):
        t[name] = gaussian(rng, (heads, D, D))
    if variant in ("sasrec", "lisa-soft"):
        t["item_emb"] = gaussian(rng, (N, D))
    if variant == "lisa-soft":
        logits = 2.0 * rng.standard_normal((N, B, W))
        soft = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
        t["soft_assign"] = soft.astype("<f4")
        t["codes"] = np.argmax(t["soft_assign"], axis=-1).astype("<i4")
    if variant == "lisa-mini":
        t["target_codes"] = rng.integers(0, WT, size=(N, BT)).astype("<i4")
        t["target_codebooks"] = gaussian(rng, (BT, WT, D))
    t["pos"] = gaussian(rng, (MAX_LEN, D))
    t["ln1_gamma"] = gaussian(rng, (D,), 1.0, 0.1)
    t["ln1_beta"] = gaussian(rng, (D,), 0.0, 0.1)
    t["ln2_gamma"] = gaussian(rng, (D,), 1.0, 0.1)
    t["ln2_beta"] = gaussian(rng, (D,), 0.0, 0.1)
    t["ffn_w1"] = gaussian(rng, (D, F))
    t["ffn_b1"] = gaussian(rng, (F,), 0.0, 0.1)
    t["ffn_w2"] = gaussian(rng, (F, D))
    t["ffn_b2"] = gaussian(rng, (D,), 0.0, 0.1)
    return t


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def write_artifact(out_dir, variant, tensors):
    os.makedirs(out_dir, exist_ok=True)
    table = {}
    for name, arr in tensors.items():
        path = os.path.join(out_dir, name + ".npy")
        np.save(path, np.ascontiguousarray(arr))
        table[name] = {"file": name + ".npy", "dtype": str(arr.dtype), "shape": list(arr.shape),
                       "sha256": sha256_file(path)}
    with open(os.path.join(out_dir, "items.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(ITEM_IDS) + "\n")
    manifest = {"format": "lisa-model/1", "version": "numpy-%s-%d" % (variant, SEED), "variant": variant,
                "dim": D, "ffnDim": F, "maxLen": MAX_LEN, "decay": DECAY, "layerNormEps": EPS}
    if variant != "sasrec":
        manifest.update(codebooks=B, codewords=W)
    if variant == "lisa-mini":
        manifest.update(targetCodebooks=BT, targetCodewords=WT)
    manifest["numItems"] = N
    if variant != "sasrec":
        space = hashlib.sha256()
        for name in ("codes", "soft_assign"):
            if name in tensors:
                with open(os.path.join(out_dir, name + ".npy"), "rb") as f:
                    space.update(f.read())
        manifest["codeSpace"] = space.hexdigest()
    manifest["tensors"] = table
    manifest["training"] = {"generator": "make_numpy_artifacts.py", "seed": SEED, "numpy": np.__version__}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest


def write_expected(out_dir, manifest, tensors):
    model = {k: manifest[k] for k in ("variant", "dim", "maxLen", "decay", "layerNormEps")}
    rows = [lisa_reference.scores(tensors, model, h) for h in HISTORIES]
    expected = {
        "note": "scores[k][n] = score of internal item n (line n of items.txt) after histories[k] "
                "(external ids, oldest first; historyIndices holds the same histories as internal indices), "
                "computed in float64 by lisa_reference.py",
        "histories": [[ITEM_IDS[i] for i in h] for h in HISTORIES],
        "historyIndices": HISTORIES,
        "scores": [[float(s) for s in row] for row in rows],
    }
    # one history / one score row per line: readable in a diff, small on disk
    lines = ["{"]
    for i, (key, value) in enumerate(expected.items()):
        comma = "," if i < len(expected) - 1 else ""
        if isinstance(value, list):
            rows = [" " * 4 + json.dumps(row) for row in value]
            lines.append('  "%s": [\n%s\n  ]%s' % (key, ",\n".join(rows), comma))
        else:
            lines.append('  "%s": %s%s' % (key, json.dumps(value), comma))
    lines.append("}")
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    assert json.loads("\n".join(lines)) == expected


def main(root):
    for k, variant in enumerate(VARIANTS):
        rng = np.random.default_rng(SEED + k)
        tensors = make_tensors(variant, rng)
        out_dir = os.path.join(root, variant)
        manifest = write_artifact(out_dir, variant, tensors)
        write_expected(out_dir, manifest, tensors)
        print("wrote", out_dir)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_numpy_artifacts.py OUTPUT_DIR")
    main(sys.argv[1])
