// Debian's Chromium for browser tests, driven by playwright-core. Installed from Debian's packages
// when missing (the project installs what it needs; playwright's own browser download cannot work
// here). Flags from the machine notes: no background networking on a closed network; playwright gives
// each launch a fresh profile directory of its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** A CJK font, so screenshots a person looks at show Chinese rather than empty boxes. */
const cjkFont = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export function ensureChromium(): void {
  if (existsSync(chromiumPath) && existsSync(cjkFont)) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `${chromiumPath} is missing: install Debian's chromium package (apt-get install -y chromium)`,
    );
  execFileSync('apt-get', ['update'], { stdio: 'ignore' });
  execFileSync(
    'apt-get',
    ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-wqy-microhei'],
    {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    },
  );
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
