"""Independent NumPy reference of "Inference, exactly" (shared/notes/lisa-method.md) and of the
sasrec semantics (shared/contracts/model-artifact.md), for all four lisa-model/1 variants.

Written for clarity, not speed: the histogram is the direct sum h[b][w] = sum_j r^(t-j) a_j[b][w]
(no recurrence, no lazy scale), everything in float64 from the float32 parameters. Row-vector
convention: a projection is v @ M.

params: dict of tensor name -> np.ndarray as stored in the artifact.
model:  dict with variant, dim, maxLen, decay, layerNormEps (the manifest's numbers).
history: list of internal item indices i_1..i_t (t >= 1), oldest first.
"""
import numpy as np


def layer_norm(v, gamma, beta, eps):
    """gamma * (v - mean) / sqrt(var + eps) + beta with the biased variance, as PyTorch does."""
    mean = v.mean()
    var = ((v - mean) ** 2).mean()
    return gamma * (v - mean) / np.sqrt(var + eps) + beta


def block_rest(x, o, p, eps):
    """y = LN1(x + o); z = LN2(y + W2 ReLU(W1 y + b1) + b2)."""
    y = layer_norm(x + o, p["ln1_gamma"], p["ln1_beta"], eps)
    hidden = np.maximum(y @ p["ffn_w1"] + p["ffn_b1"], 0.0)
    return layer_norm(y + hidden @ p["ffn_w2"] + p["ffn_b2"], p["ln2_gamma"], p["ln2_beta"], eps)


def histogram(p, model, history):
    """h[b][w] = sum_{j=1..t} r^(t-j) a_j[b][w], self-inclusive; a_j one-hot codes or soft_assign rows."""
    t = len(history)
    r = np.exp(-model["decay"])
    codebooks, codewords = p["codebooks"].shape[:2]
    h = np.zeros((codebooks, codewords))
    for j, item in enumerate(history, start=1):
        if model["variant"] == "lisa-soft":
            a = p["soft_assign"][item].astype(np.float64)
        else:
            a = np.zeros((codebooks, codewords))
            a[np.arange(codebooks), p["codes"][item]] = 1.0
        h += r ** (t - j) * a
    return h


def lisa_output(p, model, history):
    """z for the newest position of a LISA history (base, soft or mini)."""
    d = model["dim"]
    t = len(history)
    newest = history[-1]
    cb = p["codebooks"].astype(np.float64)
    h = histogram(p, model, history)
    q_codes = p["codes"][newest]  # query codes q_b (hard codes, also for lisa-soft)
    o = np.zeros(d)
    for b in range(cb.shape[0]):
        query = cb[b, q_codes[b]] @ p["w_q"][b]
        keys = cb[b] @ p["w_k"][b]  # (W, D)
        values = cb[b] @ p["w_v"][b]  # (W, D)
        s = keys @ query / np.sqrt(d)
        weights = h[b] * np.exp(s - s.max())
        alpha = weights / weights.sum()
        o += alpha @ values
    if model["variant"] == "lisa-soft":
        soft = p["soft_assign"][newest].astype(np.float64)  # (B, W)
        x = sum(soft[b] @ cb[b] for b in range(cb.shape[0]))
    else:
        x = sum(cb[b, q_codes[b]] for b in range(cb.shape[0]))
    x = x + p["pos"][min(t, model["maxLen"]) - 1]
    return block_rest(x, o, p, model["layerNormEps"])


def sasrec_output(p, model, history):
    """z for the newest position: causal softmax attention over the last min(t, maxLen) items."""
    d = model["dim"]
    window = history[-min(len(history), model["maxLen"]):]
    xs = p["item_emb"][window].astype(np.float64) + p["pos"][:len(window)]
    query = xs[-1] @ p["w_q"][0]
    keys = xs @ p["w_k"][0]
    values = xs @ p["w_v"][0]
    s = keys @ query / np.sqrt(d)
    alpha = np.exp(s - s.max())
    alpha /= alpha.sum()
    return block_rest(xs[-1], alpha @ values, p, model["layerNormEps"])


def target_embeddings(p, model):
    """e_n for every item: quantized (base), target quantizer (mini) or raw embeddings (soft, sasrec)."""
    v = model["variant"]
    if v == "lisa-base":
        cb, codes = p["codebooks"], p["codes"]
    elif v == "lisa-mini":
        cb, codes = p["target_codebooks"], p["target_codes"]
    else:
        return p["item_emb"].astype(np.float64)
    cb = cb.astype(np.float64)
    return sum(cb[b][codes[:, b]] for b in range(cb.shape[0]))


def scores(p, model, history):
    """score(n) = z . e_n for every item n = 0..N-1, as float64."""
    if model["variant"] == "sasrec":
        z = sasrec_output(p, model, history)
    else:
        z = lisa_output(p, model, history)
    return target_embeddings(p, model) @ z
