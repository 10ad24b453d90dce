/**
 * The placeholder admin page's only behaviour: say whether the server is healthy.
 * The real portal (React + Fluent UI v9, talking only to /api) replaces this.
 */
async function showHealth(target: HTMLElement): Promise<void> {
  try {
    const response = await fetch('/healthz', { headers: { accept: 'application/json' } });
    target.textContent = response.ok ? 'healthy' : `unhealthy (HTTP ${response.status})`;
  } catch {
    target.textContent = 'unreachable';
  }
}

const target = document.getElementById('server-health');
if (target) void showHealth(target);
