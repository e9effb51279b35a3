import { runPkiCli } from '../identity/pki-command.js';

/** Entry of `npm run pki -- <command>`; the commands live in src/identity/pki-command.ts. */
void runPkiCli(process.argv.slice(2), {
  stdout: (out) => process.stdout.write(out),
  stderr: (err) => process.stderr.write(err),
}).then((code) => {
  process.exitCode = code;
});
