import { VENDOR_PAGE_HOSTS, type PageHosts } from './page-url';

/**
 * The sandbox flavour only: the sandbox helpdesk (tests/sandbox) serves every vendor's agent pages
 * on `*.localhost` hosts, over http on any port. entrypoints/content-script.ts reaches this
 * module only when the build names a sandbox port, so a production bundle carries none of it (the
 * manifest test reads the built content script to make sure).
 */
export const SANDBOX_PAGE_HOSTS: PageHosts = {
  ...VENDOR_PAGE_HOSTS,
  sandbox: { zendesk: 'zendesk.localhost', zoho: 'zoho.localhost' },
};
