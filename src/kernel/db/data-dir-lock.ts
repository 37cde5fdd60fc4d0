// The embedded database may be opened by one process at a time; a second one would corrupt it. A lock file
// holding the owner's process id guards DATA_DIR; a lock left by a process that no longer runs is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<string> {
  return (await readFile(file, 'utf8').catch(() => '')).trim();
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'rostrum.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AppError('config.data_dir_unwritable', { detail: dataDir, cause: err });
      let content = await readOwner(file);
      // The owner creates the file, then writes its pid: an empty file may be one being written right now, not a
      // stale one. Taking it over at once let two processes started together both hold the lock.
      if (content === '') {
        await new Promise((resolve) => setTimeout(resolve, 250));
        content = await readOwner(file);
      }
      const owner = Number(content);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new AppError('config.data_dir_locked', { detail: `${dataDir} (process ${owner})` });
      }
      await rm(file, { force: true });
    }
  }
  throw new AppError('config.data_dir_locked', { detail: dataDir });
}
