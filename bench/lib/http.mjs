// HTTP on loopback: a free port, one request, waiting for a page, load with autocannon, a process's memory.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

export const HOST = '127.0.0.1';
export const DEBATE_PATH = '/debates/sc-2021-05-24-peacekeepers-safety';
export const HOME_PATH = '/';

/** A port nothing listens on right now (the OS picks it; the server binds it a moment later). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One request on a new connection (no keep-alive, so a poll never reuses a half-dead socket).
 * Resolves with { status, headers, body }; status 0 when nothing listens yet.
 */
export function send(port, { method = 'GET', path, headers = {}, body }, timeoutMs = 30_000) {
  return new Promise((resolve) => {
    const failed = () => resolve({ status: 0, headers: {}, body: '' });
    const request = http.request({ host: HOST, port, path, method, headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', failed);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
    request.on('error', failed);
    request.end(body);
  });
}

/** One GET on a new connection; see `send`. */
export function get(port, path, timeoutMs = 30_000) {
  return send(port, { path }, timeoutMs);
}

/**
 * Polls GET path every `intervalMs` until it answers 200; resolves with performance.now() at that answer.
 * Bounded: gives up after `deadlineMs`, or as soon as the server process exits.
 */
export async function waitForOk(server, port, path, { intervalMs = 20, deadlineMs = 120_000 } = {}) {
  const giveUpAt = performance.now() + deadlineMs;
  while (performance.now() < giveUpAt) {
    if (server.hasExited()) throw new Error(`The server exited before answering ${path}:\n${server.output()}`);
    const { status } = await get(port, path);
    if (status === 200) return performance.now();
    await sleep(intervalMs);
  }
  throw new Error(`No 200 from ${path} within ${deadlineMs} ms:\n${server.output()}`);
}

/** Resident memory of a process, in MiB, from /proc (Linux): VmRSS now and VmHWM, its peak so far. */
export function readMemory(pid) {
  let status;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: undefined, peak: undefined }; // not Linux, or the process has gone
  }
  const kib = (field) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  };
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/**
 * Runs autocannon against one URL. Either a fixed `amount` of requests or a `duration` in seconds.
 * Returns the figures the report uses; counts anything but a 2xx as a failure, so that an error page served
 * fast (or a rate limiter answering 429) can never pass for throughput.
 */
export async function load(port, path, { connections, duration, amount }) {
  const result = await autocannon({
    url: `http://${HOST}:${port}${path}`,
    connections,
    ...(amount ? { amount } : { duration }),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
