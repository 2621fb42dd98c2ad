import { describe, expect, it } from 'vitest';
import { inlineStyleSheets } from '../../scripts/inline-panel-css';

describe('inlineStyleSheets (the side panel page, scripts/inline-panel-css.ts)', () => {
  const assets: Record<string, string> = { 'assets/panel-1.css': ':root{--pt-accent:#0b5cad}', 'assets/shared-2.css': '.lessons{margin:0}' };
  const read = (file: string) => assets[file];

  it('writes each linked sheet in place, in the order the page linked them, marked for Vite\'s preload helper by a disabled link, and leaves scripts alone', () => {
    const html = '<head><script type="module" crossorigin src="/chunks/a.js"></script><link rel="stylesheet" crossorigin href="/assets/shared-2.css">\n<link rel="stylesheet" href="/assets/panel-1.css"></head>';
    expect(inlineStyleSheets(html, read)).toBe(
      '<head><script type="module" crossorigin src="/chunks/a.js"></script>' +
        '<style>.lessons{margin:0}</style><link rel="stylesheet" href="/assets/shared-2.css" disabled>\n' +
        '<style>:root{--pt-accent:#0b5cad}</style><link rel="stylesheet" href="/assets/panel-1.css" disabled></head>',
    );
  });

  it('fails the build on a link to a sheet the build did not emit, rather than ship an unstyled panel', () => {
    expect(() => inlineStyleSheets('<link rel="stylesheet" href="/assets/gone.css">', read)).toThrow(/assets\/gone\.css, which the build did not emit/);
  });

  it('keeps a sheet from closing its element early', () => {
    const out = inlineStyleSheets('<link rel="stylesheet" href="/assets/x.css">', () => 'a{content:"</style><script>"}');
    expect(out.match(/<\/style>/g)).toHaveLength(1);
  });
});
