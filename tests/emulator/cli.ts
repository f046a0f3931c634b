/**
 * Starts the emulator and keeps it running until Ctrl-C:
 *   npx tsx tests/emulator/cli.ts [--port 8443]
 * then start Chromium with the printed flags.
 */
import { DEMO_KEY, startEmulator } from './index';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
const emu = await startEmulator({ port });

console.log(`Provider emulator on 127.0.0.1:${emu.port}`);
console.log(`Hosts: ${emu.hosts.join(', ')}`);
console.log(
  `Chromium flags:\n  --host-resolver-rules="${emu.hostResolverRules()}" --ignore-certificate-errors`,
);
console.log(`Demo page: https://gallery.example.org/demo.html   HitPaw key: ${DEMO_KEY}`);

const stop = () => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
