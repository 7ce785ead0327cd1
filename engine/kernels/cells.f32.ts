// Float32 per-step kernels of the recurrent cells (Elman RNN, LSTM, GRU): the pointwise half of a
// step, forward and hand-written backward, one line per equation. The matrix products around them
// are gemm calls made by ops/recurrence.ts. cells.f64.ts is generated from this file.
//
// Layout shared by all: states Hs, Cs are [(T+1), B, H] with the step's previous and new slots at
// prevOff and newOff; gate buffers are [T, B, G·H], gates side by side in PyTorch's order.
// A batch row b is "valid" at time t when lengths is null or t < lengths[b]; at an invalid
// (padded) step the state is carried unchanged and no gradient reaches the gates.

type Arr = Float32Array;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Elman RNN, forward: h_t = tanh(a_t) or relu(a_t), in place on the new slot of Hs, which holds the
 * pre-activation a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh on entry.
 */
export function rnnForward(
  B: number,
  H: number,
  relu: boolean,
  Hs: Arr,
  prevOff: number,
  newOff: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    const p = prevOff + b * H;
    const q = newOff + b * H;
    if (lengths === null || t < lengths[b]) {
      for (let j = 0; j < H; j++) {
        const a = Hs[q + j];
        Hs[q + j] = relu ? (a > 0 ? a : 0) : Math.tanh(a);
      }
    } else {
      for (let j = 0; j < H; j++) Hs[q + j] = Hs[p + j];
    }
  }
}

/**
 * Elman RNN, backward through the nonlinearity. On entry dh holds ∂L/∂h_t from step t+1 and dOut
 * the output's gradient (null: none); writes ∂L/∂a_t into dA and leaves in dh the part of
 * ∂L/∂h_{t−1} that bypasses W_hh (zero, or all of dh at a padded step).
 */
export function rnnBackward(
  B: number,
  H: number,
  relu: boolean,
  Hs: Arr,
  newOff: number,
  dOut: Arr | null,
  dOutOff: number,
  dh: Arr,
  dA: Arr,
  dAOff: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    const q = newOff + b * H;
    const r = b * H;
    const d = dAOff + b * H;
    if (lengths === null || t < lengths[b]) {
      for (let j = 0; j < H; j++) {
        const g = dh[r + j] + (dOut === null ? 0 : dOut[dOutOff + r + j]);
        const h = Hs[q + j];
        // tanh′(a) = 1 − h², relu′(a) = [h > 0]
        dA[d + j] = relu ? (h > 0 ? g : 0) : g * (1 - h * h);
        dh[r + j] = 0;
      }
    } else {
      for (let j = 0; j < H; j++) dA[d + j] = 0;
    }
  }
}

/**
 * LSTM, forward. On entry G holds the pre-activations W_ih x_t + b_ih + W_hh h_{t−1} + b_hh for the
 * gates i, f, g, o; they are replaced by the activations, and c_t, tanh(c_t), h_t are written.
 */
export function lstmForward(
  B: number,
  H: number,
  G: Arr,
  gOff: number,
  Hs: Arr,
  Cs: Arr,
  prevOff: number,
  newOff: number,
  TC: Arr,
  tcOff: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    const gb = gOff + b * 4 * H;
    const p = prevOff + b * H;
    const q = newOff + b * H;
    const u = tcOff + b * H;
    if (lengths === null || t < lengths[b]) {
      for (let j = 0; j < H; j++) {
        const i = sigmoid(G[gb + j]); //            i_t = σ(W_ii x + b_ii + W_hi h + b_hi)
        const f = sigmoid(G[gb + H + j]); //        f_t = σ(W_if x + b_if + W_hf h + b_hf)
        const g = Math.tanh(G[gb + 2 * H + j]); //  g_t = tanh(W_ig x + b_ig + W_hg h + b_hg)
        const o = sigmoid(G[gb + 3 * H + j]); //    o_t = σ(W_io x + b_io + W_ho h + b_ho)
        const c = f * Cs[p + j] + i * g; //         c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
        const tc = Math.tanh(c);
        G[gb + j] = i;
        G[gb + H + j] = f;
        G[gb + 2 * H + j] = g;
        G[gb + 3 * H + j] = o;
        Cs[q + j] = c;
        TC[u + j] = tc;
        Hs[q + j] = o * tc; //                      h_t = o_t ⊙ tanh(c_t)
      }
    } else {
      for (let j = 0; j < H; j++) {
        Hs[q + j] = Hs[p + j];
        Cs[q + j] = Cs[p + j];
        TC[u + j] = 0;
      }
      for (let j = 0; j < 4 * H; j++) G[gb + j] = 0;
    }
  }
}

/**
 * LSTM, backward through one step's pointwise part. On entry dh, dc hold ∂L/∂h_t, ∂L/∂c_t from step
 * t+1 (dOut adds the output's share of ∂L/∂h_t); writes ∂L/∂(gate pre-activations) into dG, leaves
 * ∂L/∂c_{t−1} in dc and the part of ∂L/∂h_{t−1} that bypasses W_hh in dh.
 */
export function lstmBackward(
  B: number,
  H: number,
  G: Arr,
  gOff: number,
  Cs: Arr,
  prevOff: number,
  TC: Arr,
  tcOff: number,
  dOut: Arr | null,
  dOutOff: number,
  dh: Arr,
  dc: Arr,
  dG: Arr,
  dGOff: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    const gb = gOff + b * 4 * H;
    const db = dGOff + b * 4 * H;
    const p = prevOff + b * H;
    const u = tcOff + b * H;
    const r = b * H;
    if (lengths === null || t < lengths[b]) {
      for (let j = 0; j < H; j++) {
        const gh = dh[r + j] + (dOut === null ? 0 : dOut[dOutOff + r + j]);
        const i = G[gb + j],
          f = G[gb + H + j],
          g = G[gb + 2 * H + j],
          o = G[gb + 3 * H + j];
        const tc = TC[u + j];
        const dct = dc[r + j] + gh * o * (1 - tc * tc); // ∂L/∂c_t, through h_t = o ⊙ tanh(c_t) and from step t+1
        dG[db + j] = dct * g * i * (1 - i); //              ∂c_t/∂i = g, σ′ = σ(1 − σ)
        dG[db + H + j] = dct * Cs[p + j] * f * (1 - f); //  ∂c_t/∂f = c_{t−1}
        dG[db + 2 * H + j] = dct * i * (1 - g * g); //      ∂c_t/∂g = i, tanh′ = 1 − tanh²
        dG[db + 3 * H + j] = gh * tc * o * (1 - o); //      ∂h_t/∂o = tanh(c_t)
        dc[r + j] = dct * f; //                             ∂c_t/∂c_{t−1} = f
        dh[r + j] = 0;
      }
    } else {
      for (let j = 0; j < 4 * H; j++) dG[db + j] = 0;
    }
  }
}

/**
 * GRU, forward. On entry G holds W_ih x_t + b_ih for r, z, n and Hp holds W_hh h_{t−1} + b_hh
 * ([B, 3H]); G is replaced by the activations r, z, n, and W_hn h_{t−1} + b_hn is kept in HN
 * because the backward of n needs it.
 */
export function gruForward(
  B: number,
  H: number,
  G: Arr,
  gOff: number,
  Hp: Arr,
  Hs: Arr,
  prevOff: number,
  newOff: number,
  HN: Arr,
  hnOff: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    const gb = gOff + b * 3 * H;
    const hb = b * 3 * H;
    const p = prevOff + b * H;
    const q = newOff + b * H;
    const v = hnOff + b * H;
    if (lengths === null || t < lengths[b]) {
      for (let j = 0; j < H; j++) {
        const r = sigmoid(G[gb + j] + Hp[hb + j]); //             r_t = σ(W_ir x + b_ir + W_hr h + b_hr)
        const z = sigmoid(G[gb + H + j] + Hp[hb + H + j]); //     z_t = σ(W_iz x + b_iz + W_hz h + b_hz)
        const hn = Hp[hb + 2 * H + j];
        const n = Math.tanh(G[gb + 2 * H + j] + r * hn); //       n_t = tanh(W_in x + b_in + r_t ⊙ (W_hn h + b_hn))
        G[gb + j] = r;
        G[gb + H + j] = z;
        G[gb + 2 * H + j] = n;
        HN[v + j] = hn;
        Hs[q + j] = (1 - z) * n + z * Hs[p + j]; //              h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
      }
    } else {
      for (let j = 0; j < H; j++) {
        Hs[q + j] = Hs[p + j];
        HN[v + j] = 0;
      }
      for (let j = 0; j < 3 * H; j++) G[gb + j] = 0;
    }
  }
}

/**
 * GRU, backward through one step's pointwise part. On entry dh holds ∂L/∂h_t from step t+1 (dOut
 * adds the output's share); writes ∂L/∂(W_ih x + b_ih) into dX and ∂L/∂(W_hh h + b_hh) into dHp
 * (they differ in the n block, where r multiplies the hidden part), and leaves in dh the part of
 * ∂L/∂h_{t−1} that bypasses W_hh (z ⊙ ∂L/∂h_t).
 */
export function gruBackward(
  B: number,
  H: number,
  G: Arr,
  gOff: number,
  Hs: Arr,
  prevOff: number,
  HN: Arr,
  hnOff: number,
  dOut: Arr | null,
  dOutOff: number,
  dh: Arr,
  dX: Arr,
  dXOff: number,
  dHp: Arr,
  dHpOff: number,
  lengths: Int32Array | null,
  t: number,
): void {
  for (let b = 0; b < B; b++) {
    const gb = gOff + b * 3 * H;
    const xb = dXOff + b * 3 * H;
    const hb = dHpOff + b * 3 * H;
    const p = prevOff + b * H;
    const v = hnOff + b * H;
    const w = b * H;
    if (lengths === null || t < lengths[b]) {
      for (let j = 0; j < H; j++) {
        const gh = dh[w + j] + (dOut === null ? 0 : dOut[dOutOff + w + j]);
        const r = G[gb + j],
          z = G[gb + H + j],
          n = G[gb + 2 * H + j];
        const dnp = gh * (1 - z) * (1 - n * n); //          ∂L/∂(n pre-activation): ∂h/∂n = 1 − z, tanh′ = 1 − n²
        const drp = dnp * HN[v + j] * r * (1 - r); //      ∂n_pre/∂r = W_hn h + b_hn
        const dzp = gh * (Hs[p + j] - n) * z * (1 - z); // ∂h/∂z = h_{t−1} − n
        dX[xb + j] = drp;
        dX[xb + H + j] = dzp;
        dX[xb + 2 * H + j] = dnp;
        dHp[hb + j] = drp;
        dHp[hb + H + j] = dzp;
        dHp[hb + 2 * H + j] = dnp * r; //                   ∂n_pre/∂(W_hn h + b_hn) = r
        dh[w + j] = gh * z; //                              ∂h_t/∂h_{t−1}, direct path
      }
    } else {
      for (let j = 0; j < 3 * H; j++) {
        dX[xb + j] = 0;
        dHp[hb + j] = 0;
      }
    }
  }
}
