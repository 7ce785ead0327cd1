"""Generate the PyTorch parity fixtures in engine/testing/fixtures/ (recurrent layers, packed
sequences, single-step cells, bmm and softmax, losses, optimizers, clipping, Linear/Embedding),
every number in full float64.

Regenerate (needs Debian's PyTorch: `apt-get install python3-torch`; PyPI is not required):

    /usr/bin/python3 scripts/torch/gen_fixtures.py

The script is deterministic (fixed seeds; one thread), so rerunning it with the same PyTorch
rewrites the same files. Recurrent cases use exactly the `engine:case` format of issue 3:
{"name", "case": {...}, "answer": {"output", "h_n", ("c_n"), "grads": {...}}}, where the answer
is the gradient of sum(output*grad_output) + sum(h_n*grad_h_n) (+ sum(c_n*grad_c_n)).
"""

import json
import os
import random

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

# FIXTURES_OUT_DIR lets the sync test (scripts/torch/fixtures.test.ts) write a fresh copy elsewhere and compare.
OUT_DIR = os.environ.get("FIXTURES_OUT_DIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "engine", "testing", "fixtures")
MODES = ["rnn_tanh", "rnn_relu", "lstm", "gru"]


def tolist(t):
    return t.detach().tolist()


def gradients(module, **leaves):
    """Every parameter's gradient by state_dict name, then those of the given leaves (None: not given)."""
    grads = {k: tolist(p.grad) for k, p in module.named_parameters()}
    grads.update((k, tolist(v.grad)) for k, v in leaves.items() if v is not None)
    return grads


def make_module(mode, input_size, hidden_size, num_layers, bidirectional, batch_first, bias=True):
    kw = dict(num_layers=num_layers, bidirectional=bidirectional, batch_first=batch_first, bias=bias)
    if mode == "lstm":
        return nn.LSTM(input_size, hidden_size, **kw)
    if mode == "gru":
        return nn.GRU(input_size, hidden_size, **kw)
    return nn.RNN(input_size, hidden_size, nonlinearity=mode[4:], **kw)


def recurrent_case(name, seed, mode, num_layers, bidirectional, batch_first, with_h0,
                   seq_len, batch, input_size, hidden_size, lengths=None, bias=True):
    """Build one engine:case with PyTorch's answer; `lengths` routes it through pack_padded_sequence."""
    torch.manual_seed(seed)
    module = make_module(mode, input_size, hidden_size, num_layers, bidirectional, batch_first, bias)
    dirs = 2 if bidirectional else 1
    if batch is None:
        # Unbatched input [T, input_size], as PyTorch accepts since 1.11.
        x_shape, state_shape = (seq_len, input_size), (num_layers * dirs, hidden_size)
    else:
        x_shape = (batch, seq_len, input_size) if batch_first else (seq_len, batch, input_size)
        state_shape = (num_layers * dirs, batch, hidden_size)
    x = torch.randn(*x_shape, requires_grad=True)
    h0 = torch.randn(*state_shape, requires_grad=True) if with_h0 else None
    c0 = torch.randn(*state_shape, requires_grad=True) if with_h0 and mode == "lstm" else None
    out_shape = x_shape[:-1] + (dirs * hidden_size,)
    grad_output = torch.randn(*out_shape)
    grad_h_n = torch.randn(*state_shape)
    grad_c_n = torch.randn(*state_shape) if mode == "lstm" else None

    if lengths is not None:
        inp = pack_padded_sequence(x, torch.tensor(lengths), batch_first=batch_first, enforce_sorted=False)
    else:
        inp = x
    if mode == "lstm":
        out, (h_n, c_n) = module(inp, (h0, c0)) if with_h0 else module(inp)
    else:
        out, h_n = module(inp, h0) if with_h0 else module(inp)
        c_n = None
    if lengths is not None:
        out, _ = pad_packed_sequence(out, batch_first=batch_first, total_length=seq_len)
    loss = (out * grad_output).sum() + (h_n * grad_h_n).sum()
    if c_n is not None:
        loss = loss + (c_n * grad_c_n).sum()
    loss.backward()

    case = {
        "mode": mode,
        "input_size": input_size,
        "hidden_size": hidden_size,
        "num_layers": num_layers,
        "bidirectional": bidirectional,
        "batch_first": batch_first,
        "params": {k: tolist(v) for k, v in module.state_dict().items()},
        "input": tolist(x),
    }
    if lengths is not None:
        case["lengths"] = list(lengths)
    if with_h0:
        case["h0"] = tolist(h0)
        if c0 is not None:
            case["c0"] = tolist(c0)
    case["grad_output"] = tolist(grad_output)
    case["grad_h_n"] = tolist(grad_h_n)
    if grad_c_n is not None:
        case["grad_c_n"] = tolist(grad_c_n)

    grads = gradients(module, input=x, h0=h0, c0=c0)
    answer = {"output": tolist(out), "h_n": tolist(h_n)}
    if c_n is not None:
        answer["c_n"] = tolist(c_n)
    answer["grads"] = grads
    return {"name": name, "case": case, "answer": answer}


def recurrent_cases():
    """48 cases: every mode x layers x direction, twice, with batch_first and h0 crossed so each
    mode sees all four combinations; sizes drawn from a seeded generator, ends of ranges pinned.
    Then two unbatched ([T, input_size]) cases and three without biases."""
    rng = random.Random(3)
    cases = []
    index = 0
    for mode in MODES:
        for num_layers in (1, 2, 3):
            for bidirectional in (False, True):
                for k in range(2):
                    # Pair p of a mode takes combination p % 4 and its complement.
                    combo = (index // 2) % 6 % 4 if k == 0 else 3 - (index // 2) % 6 % 4
                    batch_first, with_h0 = bool(combo & 1), bool(combo & 2)
                    # Deep bidirectional LSTMs are the largest cases; keep them small so the
                    # committed JSON stays compact.
                    big = num_layers * (2 if bidirectional else 1) * (4 if mode == "lstm" else 3 if mode == "gru" else 1)
                    max_hidden = 5 if big <= 12 else 4
                    seq_len = [1, 8][index % 2] if index % 6 < 2 else rng.randint(1, 8)
                    batch = rng.randint(1, 3)
                    input_size = 1 if index % 11 == 0 else rng.randint(1, 4)
                    hidden_size = 1 if index % 13 == 0 else rng.randint(1, max_hidden)
                    name = "{}_L{}_{}_{}_{}_T{}_B{}_I{}_H{}".format(
                        mode, num_layers, "bi" if bidirectional else "uni",
                        "bf" if batch_first else "tf", "h0" if with_h0 else "noh0",
                        seq_len, batch, input_size, hidden_size)
                    cases.append(recurrent_case(name, 1000 + index, mode, num_layers, bidirectional,
                                                batch_first, with_h0, seq_len, batch, input_size, hidden_size))
                    index += 1
    for i, (mode, num_layers, bidirectional, with_h0) in enumerate([("lstm", 2, True, True), ("gru", 1, False, False)]):
        name = "unbatched_{}_L{}_{}_{}_T5_I3_H2".format(mode, num_layers, "bi" if bidirectional else "uni", "h0" if with_h0 else "noh0")
        cases.append(recurrent_case(name, 1500 + i, mode, num_layers, bidirectional, False, with_h0, 5, None, 3, 2))
    # bias=False: the state_dict has no bias_* tensors.
    for i, mode in enumerate(["rnn_tanh", "lstm", "gru"]):
        name = "nobias_{}_L2_bi_tf_h0_T4_B2_I2_H3".format(mode)
        cases.append(recurrent_case(name, 1600 + i, mode, 2, True, False, True, 4, 2, 2, 3, bias=False))
    return cases


def packed_cases():
    """Variable-length batches through pack_padded_sequence (unsorted lengths, max length = T)."""
    specs = [
        # mode, layers, bidirectional, batch_first, h0, T, lengths, input, hidden
        ("rnn_tanh", 1, False, False, False, 5, [5, 2, 3], 2, 3),
        ("rnn_relu", 2, True, True, True, 4, [1, 4], 3, 2),
        ("lstm", 1, False, True, True, 6, [3, 6, 1], 2, 3),
        ("lstm", 2, True, False, False, 5, [2, 5, 4], 3, 2),
        ("gru", 1, True, False, True, 7, [7, 1, 4], 2, 3),
        ("gru", 3, False, True, False, 4, [4, 2], 1, 2),
        ("lstm", 3, True, True, True, 3, [3, 1, 2], 2, 2),
        ("rnn_tanh", 2, True, False, True, 8, [8, 3], 4, 3),
    ]
    cases = []
    for i, (mode, layers, bi, bf, h0, T, lengths, inp, hid) in enumerate(specs):
        name = "packed_{}_L{}_{}_{}_{}_T{}_len{}".format(
            mode, layers, "bi" if bi else "uni", "bf" if bf else "tf", "h0" if h0 else "noh0",
            T, "-".join(map(str, lengths)))
        cases.append(recurrent_case(name, 2000 + i, mode, layers, bi, bf, h0, T, len(lengths), inp, hid, lengths))
    return cases


def loss_cases():
    """cross_entropy from logits [N, C] (ignore_index, mean and sum) and mse_loss (mean and sum):
    the loss value and its gradient with respect to the input."""
    torch.manual_seed(3000)
    cases = []
    ce_specs = [
        ("ce_mean", 4, 5, [1, 0, 4, 2], -100, "mean"),
        ("ce_sum", 3, 3, [2, 2, 0], -100, "sum"),
        ("ce_mean_ignore_default", 5, 4, [3, -100, 0, -100, 1], -100, "mean"),
        ("ce_mean_ignore_0", 6, 3, [0, 1, 2, 0, 2, 1], 0, "mean"),
        ("ce_sum_ignore_2", 4, 6, [2, 5, 2, 0], 2, "sum"),
        ("ce_mean_single", 1, 7, [6], -100, "mean"),
    ]
    for name, n, c, target, ignore_index, reduction in ce_specs:
        logits = (torch.randn(n, c) * 2).requires_grad_()
        t = torch.tensor(target)
        loss = F.cross_entropy(logits, t, ignore_index=ignore_index, reduction=reduction)
        loss.backward()
        cases.append({"name": name, "loss": "cross_entropy", "input": tolist(logits), "target": target,
                      "ignore_index": ignore_index, "reduction": reduction,
                      "value": loss.item(), "grad_input": tolist(logits.grad)})
    for name, shape, reduction in [("mse_mean", (3, 4), "mean"), ("mse_sum", (2, 3), "sum"), ("mse_mean_1d", (5,), "mean")]:
        x = torch.randn(*shape, requires_grad=True)
        y = torch.randn(*shape)
        loss = F.mse_loss(x, y, reduction=reduction)
        loss.backward()
        cases.append({"name": name, "loss": "mse", "input": tolist(x), "target": tolist(y),
                      "reduction": reduction, "value": loss.item(), "grad_input": tolist(x.grad)})
    return cases


def optim_cases():
    """A few steps of each optimizer from fixed parameters, with fixed gradients fed in each step;
    records the parameters after every step."""
    specs = [
        ("sgd_plain", "sgd", dict(lr=0.1)),
        ("sgd_momentum", "sgd", dict(lr=0.1, momentum=0.9)),
        ("sgd_momentum_dampening_wd", "sgd", dict(lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01)),
        ("sgd_nesterov", "sgd", dict(lr=0.1, momentum=0.9, nesterov=True)),
        ("sgd_nesterov_wd", "sgd", dict(lr=0.02, momentum=0.5, nesterov=True, weight_decay=0.1)),
        ("adam_default", "adam", dict(lr=0.001)),
        ("adam_lr_betas", "adam", dict(lr=0.05, betas=(0.8, 0.95), eps=1e-6)),
        ("adam_wd", "adam", dict(lr=0.01, weight_decay=0.1)),
        ("adam_amsgrad", "adam", dict(lr=0.02, amsgrad=True)),
        ("rmsprop_default", "rmsprop", dict(lr=0.01)),
        ("rmsprop_momentum", "rmsprop", dict(lr=0.01, alpha=0.9, momentum=0.7)),
        ("rmsprop_centered", "rmsprop", dict(lr=0.01, centered=True)),
        ("rmsprop_centered_momentum_wd", "rmsprop", dict(lr=0.005, alpha=0.95, eps=1e-6, momentum=0.5, centered=True, weight_decay=0.05)),
    ]
    ctors = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "rmsprop": torch.optim.RMSprop}
    cases = []
    for i, (name, kind, options) in enumerate(specs):
        torch.manual_seed(4000 + i)
        params = {"weight": torch.randn(3, 2), "bias": torch.randn(3)}
        initial = {k: tolist(v) for k, v in params.items()}
        plist = [nn.Parameter(params["weight"].clone()), nn.Parameter(params["bias"].clone())]
        opt = ctors[kind](plist, **options)
        steps = []
        for _ in range(4):
            grads = {"weight": torch.randn(3, 2), "bias": torch.randn(3)}
            plist[0].grad = grads["weight"].clone()
            plist[1].grad = grads["bias"].clone()
            opt.step()
            steps.append({"grads": {k: tolist(v) for k, v in grads.items()},
                          "params": {"weight": tolist(plist[0]), "bias": tolist(plist[1])}})
        json_options = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}
        cases.append({"name": name, "optimizer": kind, "options": json_options, "params": initial, "steps": steps})
    return cases


def clip_cases():
    """clip_grad_norm_ (norm types 2, 1, inf; above and below max_norm) and clip_grad_value_."""
    specs = [
        ("norm2_clips", "norm", 1.0, 2.0),
        ("norm2_below", "norm", 100.0, 2.0),
        ("norm1_clips", "norm", 0.5, 1.0),
        ("norminf_clips", "norm", 0.3, "inf"),
        ("norm3_clips", "norm", 1.5, 3.0),
        ("value_clips", "value", 0.5, None),
    ]
    cases = []
    for i, (name, kind, limit, norm_type) in enumerate(specs):
        torch.manual_seed(5000 + i)
        grads = {"weight": torch.randn(4, 3) * 2, "bias": torch.randn(4)}
        plist = [nn.Parameter(torch.zeros(4, 3)), nn.Parameter(torch.zeros(4))]
        plist[0].grad = grads["weight"].clone()
        plist[1].grad = grads["bias"].clone()
        case = {"name": name, "kind": kind, "grads": {k: tolist(v) for k, v in grads.items()}}
        if kind == "norm":
            nt = float("inf") if norm_type == "inf" else norm_type
            total = torch.nn.utils.clip_grad_norm_(plist, limit, norm_type=nt)
            case.update({"max_norm": limit, "norm_type": norm_type, "total_norm": total.item()})
        else:
            torch.nn.utils.clip_grad_value_(plist, limit)
            case["clip_value"] = limit
        case["clipped"] = {"weight": tolist(plist[0].grad), "bias": tolist(plist[1].grad)}
        cases.append(case)
    return cases


def layer_cases():
    """Linear on [B, T, in] and Embedding with padding_idx: outputs and gradients for the loss
    sum(output * grad_output)."""
    cases = []
    torch.manual_seed(6000)
    for name, shape, in_f, out_f, bias in [("linear_3d", (2, 3, 4), 4, 5, True), ("linear_2d_nobias", (3, 2), 2, 3, False)]:
        lin = nn.Linear(in_f, out_f, bias=bias)
        x = torch.randn(*shape, requires_grad=True)
        y = lin(x)
        g = torch.randn(*y.shape)
        (y * g).sum().backward()
        grads = {k: tolist(p.grad) for k, p in lin.named_parameters()}
        grads["input"] = tolist(x.grad)
        cases.append({"name": name, "layer": "linear", "in_features": in_f, "out_features": out_f, "bias": bias,
                      "params": {k: tolist(v) for k, v in lin.state_dict().items()},
                      "input": tolist(x), "grad_output": tolist(g), "output": tolist(y), "grads": grads})
    for name, num, dim, pad, idx in [("embedding_padding_0", 6, 3, 0, [[1, 0, 5], [0, 2, 1]]),
                                     ("embedding_padding_3", 5, 2, 3, [[3, 4, 3, 0]]),
                                     ("embedding_no_padding", 4, 3, None, [[2, 2], [1, 3], [0, 2]])]:
        emb = nn.Embedding(num, dim, padding_idx=pad)
        # A non-zero padding row shows that padding_idx blocks the gradient, not the lookup.
        if pad is not None:
            with torch.no_grad():
                emb.weight[pad] = torch.randn(dim)
        ids = torch.tensor(idx)
        y = emb(ids)
        g = torch.randn(*y.shape)
        (y * g).sum().backward()
        cases.append({"name": name, "layer": "embedding", "num_embeddings": num, "embedding_dim": dim,
                      "padding_idx": pad, "params": {"weight": tolist(emb.weight)}, "input": idx,
                      "grad_output": tolist(g), "output": tolist(y), "grads": {"weight": tolist(emb.weight.grad)}})
    return cases


def cell_cases():
    """RNNCell, LSTMCell and GRUCell run for `steps` steps, each step's state fed to the next:
    batched and unbatched, with and without an initial state, with and without biases. The
    answer is every step's h (and c) and the gradients of sum_t sum(h_t * grad_h[t])
    (+ sum(c_t * grad_c[t])) with respect to the parameters, the inputs and the initial state."""
    specs = [
        # mode, batch (None: unbatched), input, hidden, with_hx, bias, steps
        ("gru", 3, 4, 5, True, True, 1),
        ("gru", 2, 3, 4, False, True, 1),
        ("gru", 3, 2, 3, True, False, 1),
        ("gru", None, 3, 4, True, True, 1),
        ("gru", 2, 3, 3, True, True, 3),
        ("lstm", 3, 4, 5, True, True, 1),
        ("lstm", 2, 3, 4, False, True, 1),
        ("lstm", 3, 2, 3, True, False, 1),
        ("lstm", None, 3, 4, True, True, 1),
        ("lstm", 2, 3, 3, False, True, 3),
        ("rnn_tanh", 3, 4, 5, True, True, 1),
        ("rnn_relu", 2, 3, 4, False, False, 2),
    ]
    cases = []
    for i, (mode, batch, input_size, hidden_size, with_hx, bias, steps) in enumerate(specs):
        torch.manual_seed(7000 + i)
        if mode == "lstm":
            cell = nn.LSTMCell(input_size, hidden_size, bias=bias)
        elif mode == "gru":
            cell = nn.GRUCell(input_size, hidden_size, bias=bias)
        else:
            cell = nn.RNNCell(input_size, hidden_size, bias=bias, nonlinearity=mode[4:])
        lead = () if batch is None else (batch,)
        xs = torch.randn(steps, *lead, input_size, requires_grad=True)
        h0 = torch.randn(*lead, hidden_size, requires_grad=True) if with_hx else None
        c0 = torch.randn(*lead, hidden_size, requires_grad=True) if with_hx and mode == "lstm" else None
        grad_h = torch.randn(steps, *lead, hidden_size)
        grad_c = torch.randn(steps, *lead, hidden_size) if mode == "lstm" else None
        hs, cs = [], []
        h, c = h0, c0
        for t in range(steps):
            if mode == "lstm":
                h, c = cell(xs[t], (h, c) if h is not None else None)
                cs.append(c)
            else:
                h = cell(xs[t], h)
            hs.append(h)
        loss = sum((ht * grad_h[t]).sum() for t, ht in enumerate(hs))
        if grad_c is not None:
            loss = loss + sum((ct * grad_c[t]).sum() for t, ct in enumerate(cs))
        loss.backward()
        name = "{}cell_{}_I{}_H{}_{}_{}_steps{}".format(
            mode, "unbatched" if batch is None else "B{}".format(batch), input_size, hidden_size,
            "hx" if with_hx else "nohx", "bias" if bias else "nobias", steps)
        case = {"name": name, "mode": mode, "input_size": input_size, "hidden_size": hidden_size, "bias": bias,
                "params": {k: tolist(v) for k, v in cell.state_dict().items()}, "input": tolist(xs)}
        if with_hx:
            case["hx"] = tolist(h0)
            if c0 is not None:
                case["cx"] = tolist(c0)
        case["grad_h"] = tolist(grad_h)
        if grad_c is not None:
            case["grad_c"] = tolist(grad_c)
        case["h"] = tolist(torch.stack(hs))
        if cs:
            case["c"] = tolist(torch.stack(cs))
        case["grads"] = gradients(cell, input=xs, hx=h0, cx=c0)
        cases.append(case)
    return cases


def op_cases():
    """torch.bmm and softmax / log_softmax over dims 0, 1 and -1 (and 2-D dim 0): outputs and the
    gradients of sum(output * grad_output) with respect to every input."""
    torch.manual_seed(8000)
    cases = []
    for name, a_shape, b_shape in [("bmm_B3_n2_m4_p5", (3, 2, 4), (3, 4, 5)), ("bmm_B1_n3_m1_p2", (1, 3, 1), (1, 1, 2))]:
        a = torch.randn(*a_shape, requires_grad=True)
        b = torch.randn(*b_shape, requires_grad=True)
        y = torch.bmm(a, b)
        g = torch.randn(*y.shape)
        (y * g).sum().backward()
        cases.append({"name": name, "op": "bmm", "inputs": [tolist(a), tolist(b)], "grad_output": tolist(g),
                      "output": tolist(y), "grads": [tolist(a.grad), tolist(b.grad)]})
    for op, fn in [("softmax", torch.softmax), ("log_softmax", torch.log_softmax)]:
        for shape, dim in [((3, 4, 5), 0), ((3, 4, 5), 1), ((3, 4, 5), -1), ((4, 6), 0)]:
            x = (torch.randn(*shape) * 2).requires_grad_()
            y = fn(x, dim)
            g = torch.randn(*y.shape)
            (y * g).sum().backward()
            name = "{}_{}_dim{}".format(op, "x".join(map(str, shape)), dim)
            cases.append({"name": name, "op": op, "dim": dim, "inputs": [tolist(x)], "grad_output": tolist(g),
                          "output": tolist(y), "grads": [tolist(x.grad)]})
    return cases


class NumberTranslator(nn.Module):
    """The attention lab's encoder-decoder (engine/train/tasks/translator.ts), under the same attribute names: a GRU
    encoder over padded word vectors, a GRUCell decoder, and per output step a context vector, the encoder's last
    state or (attention) the softmax-weighted average of its states by dot product with the decoder's state."""

    def __init__(self, attention, hidden_size, embedding_dim):
        super().__init__()
        self.attention = attention
        self.source_embedding = nn.Embedding(32, embedding_dim, padding_idx=0)
        self.encoder = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.target_embedding = nn.Embedding(12, embedding_dim)
        self.decoder = nn.GRUCell(embedding_dim, hidden_size)
        self.combine = nn.Linear(2 * hidden_size, hidden_size)
        self.fc = nn.Linear(hidden_size, 11)

    def forward(self, words, lengths, decoder_inputs):
        batch, steps = words.shape
        packed = pack_padded_sequence(self.source_embedding(words), lengths, batch_first=True, enforce_sorted=False)
        out, h_n = self.encoder(packed)
        states, _ = pad_packed_sequence(out, batch_first=True, total_length=steps)
        last = h_n[0]
        padding = (torch.arange(steps)[None, :] >= lengths[:, None]).unsqueeze(1)
        inputs = self.target_embedding(decoder_inputs)
        h, features = last, []
        for s in range(decoder_inputs.shape[0]):
            h = self.decoder(inputs[s], h)
            if self.attention:
                scores = torch.bmm(h.unsqueeze(1), states.transpose(1, 2)).masked_fill(padding, -1e9)
                context = torch.bmm(torch.softmax(scores, -1), states).squeeze(1)
            else:
                context = last
            features.append(torch.tanh(self.combine(torch.cat([h, context], 1))))
        return self.fc(torch.stack(features)).reshape(-1, 11)


def translator_cases():
    """The number translator with and without attention on a padded batch (lengths 5, 2, 3), teacher-forced for 4
    output steps: the logits [4*3, 11] (time-major) and the gradients of sum(logits * grad_output) by parameter."""
    cases = []
    for i, attention in enumerate([False, True]):
        torch.manual_seed(9000 + i)
        model = NumberTranslator(attention, 4, 3)
        lengths = torch.tensor([5, 2, 3])
        words = torch.randint(1, 32, (3, 5))
        for b, n in enumerate(lengths.tolist()):
            words[b, n:] = 0
        decoder_inputs = torch.randint(0, 12, (4, 3))
        logits = model(words, lengths, decoder_inputs)
        g = torch.randn(*logits.shape)
        (logits * g).sum().backward()
        cases.append({"name": "translator_{}".format("attention" if attention else "no_attention"),
                      "attention": attention, "hidden_size": 4, "embedding_dim": 3,
                      "params": {k: tolist(v) for k, v in model.state_dict().items()},
                      "words": words.tolist(), "lengths": lengths.tolist(), "decoder_inputs": decoder_inputs.tolist(),
                      "grad_output": tolist(g), "output": tolist(logits), "grads": gradients(model)})
    return cases


def write(name, cases):
    path = os.path.join(OUT_DIR, name)
    doc = {"generator": "scripts/torch/gen_fixtures.py", "torch": torch.__version__, "dtype": "float64", "cases": cases}
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("{}: {} cases, {} bytes".format(name, len(cases), os.path.getsize(path)))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write("rnn.json", recurrent_cases())
    write("packed.json", packed_cases())
    write("losses.json", loss_cases())
    write("optim.json", optim_cases())
    write("clip.json", clip_cases())
    write("layers.json", layer_cases())
    write("cells.json", cell_cases())
    write("ops.json", op_cases())
    write("translator.json", translator_cases())


if __name__ == "__main__":
    main()
