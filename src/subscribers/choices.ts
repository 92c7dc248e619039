import { BroadsheetError } from '../errors.js';
import type { OfferedChoices } from './subscriberTopics.js';

/** What a subscriber asks for; a key left out leaves that choice as it is. */
export interface Choices {
  /** Tags of `digest.topics`; none: every article. */
  topics?: readonly string[];
  /** A name of `digest.frequencies`. */
  frequency?: string;
}

/**
 * Choices from a form, a command line or a CSV row, checked against what the publisher offers. A topic or
 * frequency the site does not offer is refused naming the field, rather than dropped: the subscriber would
 * otherwise get something other than what they asked for without knowing it.
 */
export function checkChoices(offered: OfferedChoices, given: Choices): Choices {
  const tags = offered.topics.map((topic) => topic.tag);
  const topics = given.topics?.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== '');
  const unknown = topics?.find((tag) => !tags.includes(tag));
  if (unknown !== undefined) {
    throw new BroadsheetError('INPUT_INVALID', `"${unknown.slice(0, 40)}" is not a topic of this site.`, {
      field: 'topics',
      hint: tags.length === 0 ? 'This site offers no topics: leave them out to get every article.' : `Choose among ${tags.join(', ')}, or none for every article.`,
    });
  }
  const names = Object.keys(offered.frequencies);
  const asked = given.frequency?.trim().toLowerCase();
  // An empty field (a form's "no choice") is no choice.
  const frequency = asked === '' ? undefined : asked;
  if (frequency !== undefined && !names.includes(frequency)) {
    throw new BroadsheetError('INPUT_INVALID', `"${frequency.slice(0, 40)}" is not a frequency of this site.`, { field: 'frequency', hint: `Choose ${names.join(' or ')}.` });
  }
  return { ...(topics === undefined ? {} : { topics: [...new Set(topics)] }), ...(frequency === undefined ? {} : { frequency }) };
}

/** `culture, transport` (a `--topics` flag, a CSV cell) as tags. */
export function topicList(text: string): string[] {
  return text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
}
