// The switch that turns gradient recording off, as PyTorch's torch.no_grad(): inference and
// sampling run with it off and build no graph at all.

let enabled = true;

/** Whether ops currently record a backward closure. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` with gradient recording off (restored afterwards, also on throw) and returns its result. */
export function noGrad<T>(fn: () => T): T {
  const before = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}
