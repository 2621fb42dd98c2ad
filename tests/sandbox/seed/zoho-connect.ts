/**
 * Zoho Connect: Acme's internal network (company addresses only, one internal network per person),
 * an external customer community, and an external partner hub whose one member license (5 external
 * users each, RULES.md LICENSE_LIMIT) is used up. Ben is a member but admin of none of them.
 */
import { DAY } from '../clock';
import type { ConnectMember, ConnectOrg } from '../model';
import { CONNECT, ZOHO } from './ids';

const ago = (now: number, days: number) => new Date(now - days * DAY).toISOString();

let zuidCounter = 0;
function member(spec: Partial<ConnectMember> & { emailId: string; name: string }, now: number, invitedDaysAgo?: number): ConnectMember {
  zuidCounter += 1;
  return {
    zuid: `6002${String(zuidCounter).padStart(4, '0')}`,
    status: invitedDaysAgo === undefined ? 'active' : 'invited',
    isAdmin: false,
    isExternal: false,
    ...(invitedDaysAgo === undefined ? {} : { invitedTime: ago(now, invitedDaysAgo) }),
    ...spec,
  };
}

export function seedConnect(now: number): ConnectOrg {
  zuidCounter = 0;
  const admin = { zuid: ZOHO.users.admin.zuid, emailId: ZOHO.users.admin.email, name: ZOHO.users.admin.name, isAdmin: true };
  const agent = { zuid: ZOHO.users.agent.zuid, emailId: ZOHO.users.agent.email, name: ZOHO.users.agent.name };
  const external = (emailId: string, name: string, invitedDaysAgo?: number) =>
    member({ emailId, name, isExternal: true }, now, invitedDaysAgo);
  return {
    rateLimitPerMinute: null,
    networks: [
      {
        scopeID: CONNECT.networks.intranet, name: 'Acme Intranet', soid: '25906346', url: '/portal/acmeintranet',
        isDefault: true, type: 'internal', companyDomains: ['acme.co'], memberLicenses: 50,
        members: [
          member(admin, now),
          // NOT_NETWORK_ADMIN: an ordinary member.
          member(agent, now),
          // INVITATION_PENDING on the internal network.
          member({ emailId: 'ivan.new@acme.co', name: 'Ivan New' }, now, 3),
        ],
      },
      {
        scopeID: CONNECT.networks.community, name: 'Acme Customer Community', soid: '54887009', url: '/portal/acmecommunity',
        isDefault: false, type: 'external', companyDomains: ['acme.co'], memberLicenses: 10,
        members: [
          member(admin, now),
          member(agent, now),
          // ALREADY_MEMBER; a name with accents.
          external('chloe.durand@northwind.com', 'Chloé Durand'),
          // INVITATION_PENDING: 3 days.
          external('paul.martin@fabrikam.com', 'Paul Martin', 3),
          // INVITATION_EXPIRED: 8 days.
          external('rita.olsen@tailspin.com', 'Rita Olsen', 8),
        ],
      },
      {
        scopeID: CONNECT.networks.partnersFull, name: 'Acme Partner Hub', soid: '64500201', url: '/portal/acmepartners',
        isDefault: false, type: 'external', companyDomains: ['acme.co'], memberLicenses: 1,
        members: [
          member(admin, now),
          // LICENSE_LIMIT: 1 member license = 5 external users, all taken.
          external('paolo.rossi@fabrikam.com', 'Paolo Rossi'),
          external('priya.nair@fabrikam.com', 'Priya Nair'),
          external('pedro.alves@fabrikam.com', 'Pedro Alves'),
          external('pia.partner@northwind.com', 'Pia Partner'),
          // A name with HTML in it.
          external('bold.partner@contoso.com', '<b>Bold</b> Partner'),
        ],
      },
    ],
    people: [
      { email: ZOHO.users.admin.email, hasZohoAccount: true, internalNetworkId: CONNECT.networks.intranet },
      { email: ZOHO.users.agent.email, hasZohoAccount: true, internalNetworkId: CONNECT.networks.intranet },
      // IN_OTHER_INTERNAL_NETWORK: a company address whose Zoho account belongs to another org.
      { email: 'dana.contractor@acme.co', hasZohoAccount: true, internalNetworkId: CONNECT.networks.otherOrgIntranet },
      // INTERNAL_DOMAIN_MISMATCH when invited to the intranet; fine for the community.
      { email: 'carol.white@contoso.com', hasZohoAccount: true },
      // ZOHO_ACCOUNT_REQUIRED: no Zoho account yet; asked to create one on acceptance.
      { email: 'new.customer@woodgrove.com', hasZohoAccount: false },
    ],
  };
}
