// Drive the char-model widget wherever it sits (a page, an iframe, a one-file copy): train until a few steps are done.
import type { Frame, Page } from 'playwright-core';

/**
 * Click Train and wait until the status line shows at least `steps` steps and a finite training loss, then pause.
 * Fails with the widget's own words if the run ends in an error or the widget shows an alert instead.
 * @returns the status and metrics lines at that point
 */
export async function trainCharModel(where: Page | Frame, steps = 3): Promise<{ status: string; metrics: string }> {
  await where.locator('char-model').getByRole('button', { name: 'Train', exact: true }).click();
  const handle = await where.waitForFunction(
    (n) => {
      const text = (selector: string): string => document.querySelector(selector)?.textContent ?? '';
      const alert = document.querySelector<HTMLElement>('char-model .cm-alert');
      if (alert && !alert.hidden && text('char-model .cm-alert')) return `alert: ${text('char-model .cm-alert')}`;
      const status = text('char-model .cm-status');
      if (/error|failed|could not/i.test(status)) return `status: ${status}`;
      const step = /step ([\d,]+) of/.exec(status);
      const loss = /training loss (\d[\d.]*)/.exec(text('char-model .cm-metrics'));
      return step && Number(step[1].replace(/,/g, '')) >= n && loss && Number.isFinite(Number(loss[1])) ? 'ok' : null;
    },
    steps,
    { timeout: 60_000 },
  );
  const outcome = (await handle.jsonValue()) as string;
  if (outcome !== 'ok') throw new Error(`char model did not train: ${outcome}`);
  await where.locator('char-model').getByRole('button', { name: 'Pause', exact: true }).click();
  return {
    status: await where.locator('char-model .cm-status').innerText(),
    metrics: await where.locator('char-model .cm-metrics').innerText(),
  };
}
