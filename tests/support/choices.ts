/** A site that offers three topics and two frequencies (digest.topics, digest.frequencies). */
export const CHOICES = {
  topics: [{ tag: 'culture', label: 'Culture' }, { tag: 'transport', label: 'Transport' }, { tag: 'local', label: 'Local news' }],
  frequencies: { weekly: '0 8 * * 1', daily: '0 7 * * *' },
};
