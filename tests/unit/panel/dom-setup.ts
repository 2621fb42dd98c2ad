import { configure } from '@testing-library/preact';

/**
 * Imported first by every panel test that uses testing-library. Two vitest workers share a loaded
 * 2-core machine: testing-library's default 1 s for findBy queries and waitFor is too short there,
 * most of all where a wait covers a first dynamic import. Kept out of vitest's setupFiles so the
 * test files without a DOM do not load testing-library.
 */
configure({ asyncUtilTimeout: 4000 });
