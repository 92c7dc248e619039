/**
 * Defaults that let broadsheet run before it is set up, and that must not reach subscribers unnoticed: a
 * footer asking to be changed, a From address nobody can answer, links to the publisher's own machine.
 */
export const DEFAULT_CONTACT_LINE = 'Sent by broadsheet. Change this line with digest.contactLine.';
export const DEFAULT_FROM = { name: 'broadsheet', address: 'digest@localhost.localdomain' } as const;
export const DEFAULT_SITE_URL = 'http://127.0.0.1:8080/';
