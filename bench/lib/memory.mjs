// Memory of the processes a benchmark starts, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';

/** Resident memory of every process started from this one (LibreOffice's), summed, in KiB, from /proc (Linux). */
export function descendantsHwmKiB() {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces or parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone between the listing and the read
    }
  }
  const isDescendant = (pid) => {
    for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const pid of parentOf.keys()) {
    if (!isDescendant(pid)) continue;
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]);
    } catch {
      // gone
    }
  }
  return total;
}
