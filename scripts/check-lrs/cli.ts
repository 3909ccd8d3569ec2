/**
 * `npx trailnote check-lrs <endpoint> --user <key> --password <secret> [--version auto|1.0.3|2.0.0] [--dry-run]`
 * Exit status: 0 when the LRS works with Trailnote, 1 when a check failed, 2 for a usage error.
 */
import { parseArgs } from 'node:util';
import { checkLrs, formatReport } from './check';

const USAGE =
  'usage: trailnote check-lrs <endpoint> --user <key> --password <secret> [--version auto|1.0.3|2.0.0] [--dry-run]\n' +
  '  (the password may also come from TRAILNOTE_LRS_PASSWORD, so it stays out of the shell history)';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'check-lrs') {
    console.error(USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        user: { type: 'string', short: 'u' },
        password: { type: 'string', short: 'p' },
        version: { type: 'string', default: 'auto' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const endpoint = positionals[0];
  const version = values.version;
  if (!endpoint || positionals.length > 1 || !/^https?:\/\//.test(endpoint)) {
    console.error(`an http(s) endpoint is required\n${USAGE}`);
    return 2;
  }
  if (version !== 'auto' && version !== '1.0.3' && version !== '2.0.0') {
    console.error(`--version must be auto, 1.0.3 or 2.0.0\n${USAGE}`);
    return 2;
  }
  const report = await checkLrs({
    endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
    username: values.user ?? '',
    password: values.password ?? process.env.TRAILNOTE_LRS_PASSWORD ?? '',
    version,
    dryRun: values['dry-run'],
  });
  console.log(formatReport(report));
  return report.ok ? 0 : 1;
}
