// TEST EQUIPMENT ONLY: runs the single-node Kafka test broker as its own process, so fault tests can
// SIGKILL it and start it again on the same port and data directory. Not for production (see deploy/).
//
//   node --import tsx test/support/kafka/cli.ts --port 9092 --data ./data/kafka-test [--partitions 3]
//        [--no-auto-create] [--host 127.0.0.1] [--verbose]
//
// Prints one line `kafka-test-broker listening on HOST:PORT` on stdout when it accepts connections.
// SIGTERM/SIGINT stop it cleanly; SIGKILL is the crash the data directory is built to survive.
import { parseArgs } from 'node:util';
import { startKafkaTestBroker } from './broker.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    partitions: { type: 'string', default: '1' },
    'no-auto-create': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const defaultPartitions = Number(values.partitions);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`bad --port ${values.port}`);
if (!Number.isInteger(defaultPartitions) || defaultPartitions < 1)
  throw new Error(`bad --partitions ${values.partitions}`);

const broker = await startKafkaTestBroker({
  port,
  host: values.host,
  dataDir: values.data,
  defaultPartitions,
  autoCreateTopics: !values['no-auto-create'],
  log: values.verbose
    ? (line) => {
        process.stderr.write(`kafka-test-broker: ${line}\n`);
      }
    : undefined,
});
process.stdout.write(`kafka-test-broker listening on ${broker.brokers[0] ?? ''}\n`);

const shutdown = (): void => {
  broker.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`kafka-test-broker: stop failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
