// The page side of reading offline: registers the course's service worker (sw.js) and keeps the reader told where
// things stand: "Saving the course for offline reading…", then "Available offline" (and "You are offline" while the
// network is gone); when a new version has been deployed and is ready, a notice with a Reload button.
import { Workbox } from 'workbox-window';

/** Where the status goes: the footer line and the update notice with its button. */
export interface OfflineElements {
  status: HTMLElement;
  notice: HTMLElement;
  reload: HTMLButtonElement;
}

/** Show `text`; `state` (`data-state`) lets the stylesheet mark a saved copy. */
function showStatus(status: HTMLElement, text: string, state: 'saving' | 'available' | 'failed'): void {
  status.textContent = text;
  status.dataset.state = state;
  status.hidden = false;
}

/**
 * Register the service worker at `swUrl` for `scope` (the site's base path) and wire the status and update notice.
 * Does nothing where service workers are unavailable (an old browser, a page without an origin, a private mode
 * that forbids them): the course then simply needs the network.
 */
export async function initOffline(swUrl: string, scope: string, elements: OfflineElements): Promise<void> {
  if (!('serviceWorker' in navigator) || window.origin === 'null') return;
  const { status, notice, reload } = elements;
  const available = (): void =>
    showStatus(status, navigator.onLine ? 'Available offline' : 'You are offline: reading the saved copy', 'available');
  window.addEventListener('online', () => navigator.serviceWorker.controller && available());
  window.addEventListener('offline', () => navigator.serviceWorker.controller && available());

  const wb = new Workbox(swUrl, { scope });
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) available();
  });
  wb.addEventListener('waiting', () => {
    notice.hidden = false;
    reload.addEventListener(
      'click',
      () => {
        reload.disabled = true;
        wb.addEventListener('controlling', () => window.location.reload());
        wb.messageSkipWaiting();
      },
      { once: true },
    );
  });
  try {
    const registration = await wb.register();
    if (navigator.serviceWorker.controller && registration?.active) available();
    else if (registration?.installing || registration?.waiting)
      showStatus(status, 'Saving the course for offline reading…', 'saving');
  } catch (error) {
    // Offline, registering fails (sw.js cannot be fetched to check for a new version), but the saved copy serves on.
    if (navigator.serviceWorker.controller) {
      available();
      return;
    }
    console.warn('offline copy: the service worker was not registered', error);
    showStatus(status, 'Not saved for offline reading: this browser did not let the course save a copy', 'failed');
  }
}
