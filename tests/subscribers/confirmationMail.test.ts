import { describe, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { renderTestDigest } from '../support/digest.js';
import { testSite } from '../support/site.js';
import { confirmationMailFor } from '../support/templates.js';

const confirmUrl = 'https://news.example.org/confirm?token=abc&x=1';
const preferencesUrl = 'https://news.example.org/preferences?token=def';

describe('the confirmation mail', () => {
  it('comes from templates/confirmation.html and .txt: the link, its lifetime, what ignoring it does, and the preferences page', async () => {
    const mail = (await confirmationMailFor(testSite()))(confirmUrl, 7, preferencesUrl);
    expect(mail.subject).toBe('Confirm your subscription to The Test Gazette');
    expect(mail.html).toContain('href="https://news.example.org/confirm?token&#x3D;abc&amp;x&#x3D;1"');
    expect(mail.html).toContain('(valid for 7 days)');
    expect(mail.text).toContain(`Confirm with this link (valid for 7 days):\n${confirmUrl}\n`);
    expect(mail.text).toContain('If it was not you, ignore this mail');
    expect(mail.html).toContain('<a href="https://news.example.org/preferences?token&#x3D;def">Manage your subscription</a>');
    expect(mail.text).toContain(`Manage your subscription: ${preferencesUrl}\n`);
  });

  it('reads French on a French site', async () => {
    const mail = (await confirmationMailFor(testSite({ language: 'fr-CA' })))(confirmUrl, 1, preferencesUrl);
    expect(mail.subject).toBe('Confirmez votre abonnement à The Test Gazette');
    expect(mail.html).toContain('<html lang="fr-CA">');
    expect(mail.html).toContain('Confirmer mon abonnement');
    expect(mail.text).toContain('Confirmez avec ce lien (valable 1 jour) :');
  });
});

describe('a French digest', () => {
  it('has its subject, intro, links and footer in French', async () => {
    const articles = [makeArticle({ title: 'Les trains de nuit reviennent' }), makeArticle({ title: 'La bibliothèque ouvre tard' })];
    const digest = await renderTestDigest(articles, { site: testSite({ language: 'fr' }), moreCount: 2 });
    expect(digest.subject).toBe('The Test Gazette : 4 nouveaux articles');
    expect(digest.html).toContain('Numéro 7');
    expect(digest.html).toContain('Voir dans le navigateur');
    expect(digest.html).toContain('Lire l’article');
    expect(digest.html).toContain('2 de plus sur The Test Gazette');
    expect(digest.html).toContain('Se désabonner');
    // French puts a space before a colon.
    expect(digest.text).toContain('Voir dans le navigateur : https://news.example.org/archive/7/');
    expect(digest.text).toContain('2 de plus sur The Test Gazette : ');
    expect(digest.text).toContain('Se désabonner : ');
    expect(digest.text).toContain('Suivre plutôt le flux : https://news.example.org/rss.xml');
    expect(digest.text).toMatch(/Numéro 7 · \d+ novembre 2026 · 4 nouveaux articles/);
    expect(digest.html + digest.text).not.toMatch(/Unsubscribe|View in your browser|Read the article/);
  });
});
