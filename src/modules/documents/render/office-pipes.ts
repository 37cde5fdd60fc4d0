// Where LibreOffice's named pipes are, to wait for one and to remove those a killed LibreOffice leaves behind (a socket
// file stays in /tmp after its process is gone).
import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where a LibreOffice pipe named `name` is: a socket named after the user's number and the name, in /tmp, or in
 * /var/tmp when /tmp cannot be written.
 */
export function pipePaths(name: string): string[] {
  // 0 where there is no user number (not on POSIX).
  const uid = process.getuid?.() ?? 0;
  return ['/tmp', '/var/tmp'].flatMap((dir) => [path.join(dir, `OSL_PIPE_${uid}_${name}`), path.join(dir, `OSL_PIPE_${name}`)]);
}

/**
 * LibreOffice's own pipe for other soffice processes on the same profile, left behind when LibreOffice is killed: named
 * after the MD5 of the profile's URL (as UTF-16), each byte in hexadecimal without its leading zero.
 */
export function instancePipePaths(profileUrl: string): string[] {
  const digest = [...createHash('md5').update(Buffer.from(profileUrl, 'utf16le')).digest()].map((b) => b.toString(16)).join('');
  return pipePaths(`SingleOfficeIPC_${digest}`);
}
