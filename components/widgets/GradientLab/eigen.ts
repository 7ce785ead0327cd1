// Eigenvalues of a small real square matrix, for the gradient lab's plot of W_hh's spectrum and its spectral radius:
// Householder reduction to Hessenberg form, then the Francis double-shift QR iteration (EISPACK's orthes + hqr).

/** A complex number re + i·im. */
export interface Complex {
  re: number;
  im: number;
}

/**
 * Balances `a` in place by a diagonal similarity D⁻¹AD with powers of 2 (exact in floating point), so that each
 * row and its column have similar norms: the eigenvalues are unchanged and computed more accurately and reliably.
 */
function balance(a: number[][]): void {
  const n = a.length;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j][i]);
        r += Math.abs(a[i][j]);
      }
      if (c === 0 || r === 0) continue;
      const s = c + r;
      let f = 1;
      while (c < r / 2) {
        f *= 2;
        c *= 4;
      }
      while (c > r * 2) {
        f /= 2;
        c /= 4;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        for (let j = 0; j < n; j++) a[i][j] /= f;
        for (let j = 0; j < n; j++) a[j][i] *= f;
      }
    }
  }
}

/**
 * Reduces a copy of `a` (scaled so that its largest entry is 1) to upper Hessenberg form by Householder similarity
 * transforms, after balancing. Entries below 1e−150 are set to zero first: they move no eigenvalue visibly, and
 * denormal numbers in the shifts' ratios would otherwise stall the QR iteration.
 */
function hessenberg(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const H = a.map((row) => row.map((v) => (Math.abs(v) < 1e-150 ? 0 : v)));
  balance(H);
  const ort = new Array<number>(n).fill(0);
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(H[i][m - 1]);
    if (scale === 0) continue;
    let h = 0;
    for (let i = n - 1; i >= m; i--) {
      ort[i] = H[i][m - 1] / scale;
      h += ort[i] * ort[i];
    }
    const g = ort[m] > 0 ? -Math.sqrt(h) : Math.sqrt(h);
    h -= ort[m] * g;
    ort[m] -= g;
    // H ← (I − u uᵀ/h) H (I − u uᵀ/h), u = ort[m..n−1].
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = n - 1; i >= m; i--) f += ort[i] * H[i][j];
      f /= h;
      for (let i = m; i < n; i++) H[i][j] -= f * ort[i];
    }
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = n - 1; j >= m; j--) f += ort[j] * H[i][j];
      f /= h;
      for (let j = m; j < n; j++) H[i][j] -= f * ort[j];
    }
    H[m][m - 1] = scale * g;
    for (let i = m + 1; i < n; i++) H[i][m - 1] = 0;
  }
  return H;
}

const sign = (a: number, b: number): number => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/**
 * All eigenvalues of a real square matrix, complex pairs together (positive imaginary part first).
 * @param a [n, n], n ≥ 1, finite entries
 * @returns [n] eigenvalues, in no particular order
 */
export function eigenvalues(a: readonly (readonly number[])[]): Complex[] {
  const n = a.length;
  if (n === 0 || a.some((row) => row.length !== n))
    throw new Error(`eigenvalues: need a square matrix, got ${n} rows of lengths ${a.map((r) => r.length).join(', ')}`);
  if (a.some((row) => row.some((v) => !Number.isFinite(v)))) throw new Error('eigenvalues: entries must be finite');
  // Work on a / max|a_ij| (eigenvalues scale with the matrix), so products of entries neither underflow nor overflow.
  const scale = Math.max(...a.map((row) => Math.max(...row.map(Math.abs))));
  if (scale === 0) return a.map(() => ({ re: 0, im: 0 }));
  const h = hessenberg(a.map((row) => row.map((v) => v / scale)));
  const wr = new Array<number>(n).fill(0);
  const wi = new Array<number>(n).fill(0);
  let anorm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) anorm += Math.abs(h[i][j]);
  let nn = n - 1;
  let t = 0; // accumulated exceptional shifts
  let p = 0,
    q = 0,
    r = 0;
  let s: number, w: number, x: number, y: number, z: number;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      // Find the start l of the unreduced block ending at nn: the last negligible subdiagonal entry.
      for (l = nn; l >= 1; l--) {
        s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
        if (s === 0) s = anorm;
        if (Math.abs(h[l][l - 1]) + s === s) {
          h[l][l - 1] = 0;
          break;
        }
      }
      x = h[nn][nn];
      if (l === nn) {
        // A 1×1 block: one real eigenvalue.
        wr[nn] = x + t;
        wi[nn] = 0;
        nn--;
      } else {
        y = h[nn - 1][nn - 1];
        w = h[nn][nn - 1] * h[nn - 1][nn];
        if (l === nn - 1) {
          // A 2×2 block: its two eigenvalues from the quadratic.
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = z;
            wi[nn] = -z;
          }
          nn -= 2;
        } else {
          // As LAPACK's dlahqr: up to 30 iterations per row (at least 300), an exceptional shift every tenth. Cyclic
          // matrices (a permutation's pattern) can make the plain shifts repeat for many rounds.
          if (its === 30 * Math.max(10, n)) throw new Error('eigenvalues: QR iteration did not converge');
          if (its > 0 && its % 10 === 0) {
            // Exceptional shift, to break a cycle.
            t += x;
            for (let i = 0; i <= nn; i++) h[i][i] -= x;
            s = Math.abs(h[nn][nn - 1]) + Math.abs(h[nn - 1][nn - 2]);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          its++;
          // Look for two consecutive small subdiagonal entries; start the double-shift sweep at m.
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = h[m][m];
            r = x - z;
            s = y - z;
            p = (r * s - w) / h[m + 1][m] + h[m][m + 1];
            q = h[m + 1][m + 1] - z - r - s;
            r = h[m + 2][m + 1];
            s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(h[m][m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(h[m - 1][m - 1]) + Math.abs(z) + Math.abs(h[m + 1][m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            h[i][i - 2] = 0;
            if (i !== m + 2) h[i][i - 3] = 0;
          }
          // The double QR step on rows and columns l..nn, by 3×3 Householder reflections.
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = h[k][k - 1];
              q = h[k + 1][k - 1];
              r = k !== nn - 1 ? h[k + 2][k - 1] : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s === 0) continue;
            if (k === m) {
              if (l !== m) h[k][k - 1] = -h[k][k - 1];
            } else {
              h[k][k - 1] = -s * x;
            }
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (let j = k; j <= nn; j++) {
              p = h[k][j] + q * h[k + 1][j];
              if (k !== nn - 1) {
                p += r * h[k + 2][j];
                h[k + 2][j] -= p * z;
              }
              h[k + 1][j] -= p * y;
              h[k][j] -= p * x;
            }
            const mmin = nn < k + 3 ? nn : k + 3;
            for (let i = l; i <= mmin; i++) {
              p = x * h[i][k] + y * h[i][k + 1];
              if (k !== nn - 1) {
                p += z * h[i][k + 2];
                h[i][k + 2] -= p * r;
              }
              h[i][k + 1] -= p * q;
              h[i][k] -= p;
            }
          }
        }
      }
    } while (nn >= 0 && l < nn - 1);
  }
  return wr.map((re, i) => ({ re: re * scale, im: wi[i] * scale }));
}

/** |λ| of a complex number. */
export const modulus = (z: Complex): number => Math.hypot(z.re, z.im);

/** The spectral radius ρ(A) = max |λ|. @param a [n, n] */
export function spectralRadius(a: readonly (readonly number[])[]): number {
  return Math.max(...eigenvalues(a).map(modulus));
}

/**
 * Rescales `a` so that its spectral radius is `rho`: (rho / ρ(a)) · a. That multiplies every eigenvalue by the same
 * factor, so one decomposition gives the new matrix's eigenvalues too.
 * @param a [n, n] with ρ(a) > 0
 */
export function withSpectralRadius(
  a: readonly (readonly number[])[],
  rho: number,
): { matrix: number[][]; eigenvalues: Complex[] } {
  const eig = eigenvalues(a);
  const current = Math.max(...eig.map(modulus));
  if (!(current > 0)) throw new Error('withSpectralRadius: the matrix has spectral radius 0 and cannot be rescaled');
  const k = rho / current;
  return {
    matrix: a.map((row) => row.map((v) => v * k)),
    eigenvalues: eig.map((z) => ({ re: z.re * k, im: z.im * k })),
  };
}
