// Drive the sentiment lab wherever it sits (a page, an iframe, a one-file copy): a short run to its test results.
import type { Frame, Page } from 'playwright-core';

/**
 * Settings for a short run, as the lab reads them from the address: a small GRU on the Amazon sentences, 4 epochs in a
 * few seconds, well above the majority class (52%) on every seed tried in Node (70–81%).
 */
export const FAST_RUN =
  '?sentiment-lab.data=amazon&sentiment-lab.cell=gru&sentiment-lab.embed=16&sentiment-lab.hidden=16&sentiment-lab.epochs=4&sentiment-lab.lr=0.01';

/**
 * Click Train and wait until the run has finished and its test results (the verdict against bag-of-words) are shown.
 * Fails with the lab's own words if the run stops in an error or the lab shows an alert instead.
 * @returns the status line and the RNN's test accuracy as shown ("78%")
 */
export async function trainSentimentLab(
  where: Page | Frame,
  timeout = 90_000,
): Promise<{ status: string; accuracy: string }> {
  await where.locator('sentiment-lab').getByRole('button', { name: 'Train', exact: true }).click();
  const handle = await where.waitForFunction(
    () => {
      const text = (selector: string): string => document.querySelector(selector)?.textContent ?? '';
      const alert = document.querySelector<HTMLElement>('sentiment-lab .sl-alert');
      if (alert && !alert.hidden && alert.textContent) return `alert: ${alert.textContent}`;
      const status = text('sentiment-lab .sl-status');
      if (/^(Stopped by an error|Diverged|Cancelled)/.test(status)) return `status: ${status}`;
      return /^Finished/.test(status) && document.querySelector('sentiment-lab .sl-verdict') ? 'ok' : null;
    },
    undefined,
    { timeout },
  );
  const outcome = (await handle.jsonValue()) as string;
  if (outcome !== 'ok') throw new Error(`sentiment lab did not train: ${outcome}`);
  return {
    status: await where.locator('sentiment-lab .sl-status').innerText(),
    accuracy: await where.locator('sentiment-lab .sl-accuracy td[data-metric="accuracy"]').first().innerText(),
  };
}
