// Debian's kcat (librdkafka's command-line client) for the tests that prove the dispatch stream is
// readable by a Kafka client the project did not write. Installed from Debian's packages when missing,
// as root, the way chromium.ts installs the browser; runs are bounded by a timeout and never hang a test.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const kcatPath = '/usr/bin/kcat';

export function ensureKcat(): void {
  if (existsSync(kcatPath)) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `${kcatPath} is missing: install Debian's kcat package (apt-get install -y kcat)`,
    );
  const install = (): void => {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'kcat'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  try {
    install();
  } catch {
    // Stale package lists are the usual cause: refresh them once and try again.
    execFileSync('apt-get', ['update'], { stdio: 'ignore' });
    install();
  }
}

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kcat with `args` (and `input` on stdin), killed after `timeoutMs`; never rejects. */
export function runKcat(args: string[], input = '', timeoutMs = 30_000): Promise<KcatResult> {
  ensureKcat();
  return new Promise((resolve) => {
    const child = execFile(
      kcatPath,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}
