import { describe, expect, it } from 'vitest';
import { sandboxFetch } from '../../sandbox/fetch';
import { drain, expectInvitedOnce, scene, tally, useSandbox, type Scene } from './harness';

const sb = useSandbox();

/**
 * An engine a test leaves running (a test that timed out on a busy machine leaves its un-awaited
 * drain behind) stops where it stands when the next test starts: the next test resets the sandbox,
 * whose ids start again, and the old engine's sends would land on the new test's people.
 */
describe('an engine left running by an ended test', () => {
  let left: Scene | undefined;

  it('a first test reads 20 CRM contacts and leaves its scene behind', async () => {
    left = await scene(sb, 'zoho_crm', 20, 3);
    expect(left.contacts).toHaveLength(20);
  });

  it('calls the sandbox no more, and the next test’s job ends as if it were alone', async () => {
    const calls: string[] = [];
    const counting: typeof globalThis.fetch = (input, init) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return sandboxFetch(input, init);
    };
    // Started, never awaited: it runs beside this test's own job, as a timed-out test's drain would.
    void left!.engine({}, counting).start();
    const s = await scene(sb, 'zoho_crm', 20, 3);
    await drain(sb, s.engine());
    expect((await tally(s)).by).toEqual({ invited: 20 });
    await expectInvitedOnce(sb, s);
    expect(calls).toEqual([]);
  });
});
