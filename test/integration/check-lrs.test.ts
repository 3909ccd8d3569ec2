/** `npx trailnote check-lrs` against each real LRS: what an admin runs before putting an endpoint in the policy. */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkLrs } from '../../scripts/check-lrs/check';
import { lrsUnderTest, type LrsUnderTest } from '../support/lrs-under-test';
import { statementsFor } from '../support/read-back';

function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/trailnote.mjs', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe.each(lrsUnderTest())('trailnote check-lrs against $name', (lrs: LrsUnderTest) => {
  const versions = lrs.name === 'adl' ? (['auto', '1.0.3'] as const) : (['auto'] as const);

  it.each(versions)(
    '--version %s: every kind accepted, read back the same, voided afterwards',
    async (version) => {
      const report = await checkLrs({
        endpoint: lrs.endpoint,
        username: lrs.username,
        password: lrs.password,
        version,
        dryRun: false,
      });
      const failed = report.rows.filter((r) => r.outcome === 'failed');
      expect(failed).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.rows.find((r) => r.check === 'write statements')?.detail).toBe('12 of 12 kinds accepted');
      expect(report.rows.filter((r) => r.check.startsWith('read back:'))).toHaveLength(12);
      if (lrs.name === 'adl') {
        expect(report.version).toBe(version === 'auto' ? '2.0.0' : '1.0.3');
        // What ADL's LRS changes, said as a change, not a failure.
        expect(report.rows.find((r) => r.check === 'read back: article')).toMatchObject({
          outcome: 'changed',
          detail: expect.stringMatching(/PT23M32.37S is returned as PT23M32.36S/) as unknown,
        });
      }
      expect(report.rows.find((r) => r.check === 'void test statements')).toMatchObject({
        outcome: 'ok',
        detail: '10 voided',
      });
      // Nothing of the test is left standing: the LRS returns only the voiding statements (never voided ones).
      const left = await statementsFor(lrs, { account: report.actor.account });
      expect(left).toHaveLength(11);
      expect(
        left.filter((s) => (s.verb as { id: string }).id !== 'http://adlnet.gov/expapi/verbs/voided'),
      ).toEqual([]);
    },
  );

  it('the CLI exits 1 and says why when the credentials are wrong, 2 on a usage error', async () => {
    const wrong = await cli([
      'check-lrs',
      lrs.endpoint,
      '--user',
      lrs.username,
      '--password',
      'wrong-secret',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toMatch(/credentials +FAILED +the LRS refused the credentials/);
    expect(wrong.out).toMatch(/does not work with Trailnote/);
    const usage = await cli(['check-lrs', '--user', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/usage: trailnote check-lrs/);
  });

  it('--dry-run sends nothing', async () => {
    const { code, out } = await cli(['check-lrs', lrs.endpoint, '--dry-run', '--version', '1.0.3']);
    expect(code).toBe(0);
    expect(out).toMatch(/12 kinds valid locally for xAPI 1.0.3 \(dry run: nothing sent\)/);
    expect(out).not.toMatch(/write statements/);
  });
});
