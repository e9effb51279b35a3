import { runConformanceCli } from '../conformance/conformance-command.js';

/** Entry of `npm run conformance -- …`; the kit lives in src/conformance/. */
void runConformanceCli(process.argv.slice(2), {
  stdout: (out) => process.stdout.write(out),
  stderr: (err) => process.stderr.write(err),
}).then((code) => {
  process.exitCode = code;
});
