import type { Subscriber } from './subscriberStore.js';

/**
 * `subscriber.name` and `subscriber.firstName` for the templates, from whichever the list had: a full
 * name, or first and last names. Empty when it had neither, so "Hello {{subscriber.firstName}}" never
 * shows a placeholder.
 */
export function subscriberNames(subscriber: Partial<Pick<Subscriber, 'name' | 'firstName' | 'lastName'>>): { name: string; firstName: string } {
  const name = subscriber.name ?? [subscriber.firstName, subscriber.lastName].filter((part) => part !== undefined).join(' ');
  return { name, firstName: subscriber.firstName ?? name.split(' ')[0] ?? '' };
}
