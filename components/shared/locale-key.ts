/**
 * Where the agent's choice of language is kept (the platform's preferences, localStorage in the
 * extension): apart from locale.ts so that the panel's first-look script reads it without Preact.
 */
export const PREFERENCE_KEY = 'portier.locale';
