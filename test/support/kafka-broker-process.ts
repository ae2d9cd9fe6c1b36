// Runs the Kafka test broker (TEST EQUIPMENT ONLY, see test/support/kafka/README.md) as its own process,
// so a test can SIGKILL it and start it again on the same port and data directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { root } from './test-gateway.js';

export interface BrokerProcess {
  port: number;
  brokers: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startBrokerProcess(
  dataDir: string,
  port = 0,
  partitions = 3,
  timeoutMs = 60_000, // generous: a loaded machine
): Promise<BrokerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/support/kafka/cli.ts',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--partitions',
      String(partitions),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker did not start: ${out}`));
    }, timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [\d.]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code}: ${out}`));
    });
  });
  return {
    port: listening,
    brokers: `127.0.0.1:${listening}`,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
