import type { Plugin } from 'vite';

/**
 * The side panel's style sheets, written into sidepanel.html as `<style>` rather than linked. A
 * page's module scripts wait for the style sheets before them, and an extension's files each take
 * tens of ms to come from the browser on a busy machine: two linked sheets were a second round of
 * fetches between the page and the panel's first render, which a blank page does not pay
 * (issue #13, `panel_first_render_over_floor_ms`). Inline styles are allowed by the extension
 * pages' content security policy, which restricts scripts only. The options page keeps its links.
 */
const PAGE = /[\\/]sidepanel[\\/]index\.html$/;

/** A stylesheet link as Vite writes it: `<link rel="stylesheet" crossorigin href="/assets/x.css">`. */
const LINK = /<link rel="stylesheet"(?: crossorigin)? href="\/?(assets\/[^"]+\.css)">/g;

/**
 * `html` with each linked sheet that `read` knows written in place; fails on a link it cannot read.
 * The link stays, `disabled` (never fetched, never waited for), as the mark Vite's preload helper
 * looks for before a lazily loaded view fetches the sheets it depends on: without it, the bulk,
 * ticket and organization views and the database would each fetch, and wait for, a sheet the
 * page already has.
 */
export function inlineStyleSheets(html: string, read: (file: string) => string | undefined): string {
  return html.replace(LINK, (_link, file: string) => {
    const css = read(file);
    if (css === undefined) throw new Error(`sidepanel.html links ${file}, which the build did not emit: the panel would show unstyled.`);
    // A sheet cannot end the element early, whatever it holds.
    return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style><link rel="stylesheet" href="/${file}" disabled>`;
  });
}

export function inlinePanelCss(): Plugin {
  return {
    name: 'portier:inline-panel-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle || !PAGE.test(context.filename)) return html;
        const bundle = context.bundle;
        return inlineStyleSheets(html, (file) => {
          const asset = bundle[file];
          return asset?.type === 'asset' ? String(asset.source) : undefined;
        });
      },
    },
  };
}
