// Node entry: start the embedded gateway; exit with a clear message if configuration is wrong.
import { startGateway } from './start-gateway.js';

try {
  const gateway = await startGateway(process.env);
  const stop = (signal: string) => {
    process.stderr.write(`${signal}: closing\n`);
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
} catch (err) {
  process.stderr.write(
    `hotline-gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
