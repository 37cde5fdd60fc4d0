// Tests may talk to this machine only: any connection to another address fails loudly.
import net from 'node:net';

const original = net.Socket.prototype.connect;
const LOCAL = /^(127\.|::1$|localhost$|::ffff:127\.)/;

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string | undefined;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null) host = first.path ? 'localhost' : (first.host ?? 'localhost');
  else if (typeof first === 'number') host = typeof args[1] === 'string' ? args[1] : 'localhost';
  else if (typeof first === 'string') host = 'localhost'; // a Unix socket path
  if (host !== undefined && !LOCAL.test(host)) throw new Error(`Tests may not connect to ${host}: only this machine is reachable.`);
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
