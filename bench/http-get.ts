/** A GET with a bearer token over a kept-alive agent, and the p95 of timings: what the list benches share. */
import http from 'node:http';

export function get(agent: http.Agent, port: number, token: string, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ agent, host: '127.0.0.1', port, path: url, headers: { authorization: `Bearer ${token}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** The 95th percentile, to a tenth of a millisecond. */
export const p95 = (times: number[]): number => {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.round((sorted[Math.ceil(sorted.length * 0.95) - 1] ?? 0) * 10) / 10;
};
