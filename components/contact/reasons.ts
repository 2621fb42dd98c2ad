/**
 * Reasons in words come from the one table in core/reasons.ts (rule, engine and vendor codes), so
 * the contact card, its history and the job cards word each code the same way.
 */
export { codeWords, detailLine, reasonLine } from '../../core/reasons';
