import { z } from 'zod';

/**
 * Zod, for the schemas of vendor answers and stored credentials. Jitless: zod compiles an object
 * parser with `new Function` where it may, and probes for that at its first object schema. An
 * extension never may (MV3's CSP has no 'unsafe-eval'), and the probe, thrown and caught, is still
 * reported as a CSP violation, at every start of the background. Jitless, there is no probe, and
 * tests in Node parse the way the extension does. Set here, before any schema is made: every
 * module that makes one imports zod from this file.
 */
z.config({ jitless: true });

export { z };
