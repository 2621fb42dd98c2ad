/**
 * The numbers a bulk shows the agent, read from the panel as they are written (English): the
 * preview's groups, its button, and the job card's report. Issue #12: they add up to the selection.
 */
import type { Page } from 'playwright-core';
import { confirmButton, inviteJob } from './panel-driver';

const number = (text: string | null | undefined, pattern: RegExp): number => {
  const found = pattern.exec(text ?? '')?.[1];
  if (found === undefined) throw new Error(`"${text}" does not match ${pattern}`);
  return Number(found.replace(/,/g, ''));
};

export interface PreviewNumbers {
  selected: number;
  toSend: number;
  notSent: number;
  sendPlain: number;
  sendWarned: number;
  blocked: number;
  alreadyMembers: number;
  skipped: number;
  /** What the button says it sends, summed over its actions. */
  button: number;
  buttonText: string;
}

export async function previewNumbers(panel: Page): Promise<PreviewNumbers> {
  const total = await panel.locator('.bulk-total').textContent();
  const heading = (group: string) => panel.locator(`.bulk-group[data-group="${group}"] h3`).textContent();
  const sub = async (group: string, label: RegExp) => {
    const block = panel.locator(`.bulk-groups [data-group="${group}"] .bulk-subgroup`);
    return (await block.count()) === 0 ? 0 : number(await block.textContent(), label);
  };
  const buttonText = ((await confirmButton(panel).textContent()) ?? '').trim();
  const counts = [...buttonText.matchAll(/([\d,]+) (?:invite|re-invite|activate)\b/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
  return {
    selected: number(total, /^([\d,]+) selected/),
    toSend: number(total, /: ([\d,]+) will be sent/),
    notSent: number(total, /, ([\d,]+) will not$/),
    sendPlain: number(await heading('send'), /: ([\d,]+)$/),
    sendWarned: number(await heading('warn'), /: ([\d,]+)$/),
    blocked: await sub('blocked', /^Blocked: ([\d,]+)$/),
    alreadyMembers: await sub('already_member', /^Already members: ([\d,]+)$/),
    skipped: await sub('skipped', /^Skipped: ([\d,]+)$/),
    button: counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : number(buttonText, /^\S+ ([\d,]+)$/),
    buttonText,
  };
}

export interface ReportNumbers {
  selected: number;
  sent: number;
  /** Of `sent`, once the job ended (undefined before). */
  invited?: number;
  failed?: number;
  blocked: number;
  alreadyMembers: number;
  skipped: number;
}

/** The newest job card's report: "50 selected: 44 sent (41 invited, 3 failed), 3 blocked, 2 already members, 1 skipped". */
export async function reportNumbers(panel: Page): Promise<ReportNumbers> {
  const text = await inviteJob(panel).locator('.job-report').textContent();
  const split = /sent \(([\d,]+) invited, ([\d,]+) failed\)/.exec(text ?? '');
  return {
    selected: number(text, /^([\d,]+) selected/),
    sent: number(text, /: ([\d,]+) (?:sent|to send)/),
    ...(split ? { invited: Number(split[1]!.replace(/,/g, '')), failed: Number(split[2]!.replace(/,/g, '')) } : {}),
    blocked: number(text, /, ([\d,]+) blocked/),
    alreadyMembers: number(text, /, ([\d,]+) already (?:a member|members)/),
    skipped: number(text, /, ([\d,]+) skipped$/),
  };
}

/** The newest job card's counts line: "50 of 50 done: 41 invited, 2 already members, 3 failed, 3 blocked, 1 skipped". */
export async function countsNumbers(panel: Page): Promise<{ done: number; total: number; invited: number; alreadyMembers: number; failed: number; blocked: number; skipped: number }> {
  const text = await inviteJob(panel).locator('.job-counts').textContent();
  return {
    done: number(text, /^([\d,]+) of/),
    total: number(text, /^[\d,]+ of ([\d,]+) done/),
    invited: number(text, /: ([\d,]+) invited/),
    alreadyMembers: number(text, /, ([\d,]+) already (?:a member|members)/),
    failed: number(text, /, ([\d,]+) failed/),
    blocked: /, ([\d,]+) blocked/.test(text ?? '') ? number(text, /, ([\d,]+) blocked/) : 0,
    skipped: number(text, /, ([\d,]+) skipped$/),
  };
}
