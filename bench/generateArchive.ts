import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A deterministic synthetic archive for the benchmarks: the same seed and size always give the same bytes,
 * so figures from different runs and machines compare. Mixed formats: every fourth article is a plain-text
 * news file, the rest Markdown with front matter.
 */
export interface ArchiveOptions {
  dir: string;
  count: number;
  seed?: number;
  wordsPerArticle?: number;
}

const WORDS = (
  'harbour council budget ferry school river market night train bridge festival library housing energy ' +
  'wind solar farmers fishing vote mayor report court hospital nurses teachers museum theatre football ' +
  'weather storm coast tourism jobs factory port rail road cycling climate water forest election strike ' +
  'the a of and to in on for with by from at as is was are were has have will would could should new old ' +
  'first last local national european city town village region week month year people plan said says'
).split(' ');

const TAGS = ['politics', 'transport', 'culture', 'sport', 'economy', 'climate', 'health', 'education', 'local', 'europe'];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** mulberry32: tiny, fast and good enough to make text that is not all alike. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generateArchive(options: ArchiveOptions): Promise<void> {
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = (): string => {
    const text = words(8 + Math.floor(next() * 14));
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (): string => Array.from({ length: 3 + Math.floor(next() * 3) }, sentence).join(' ');
  const wordsPerArticle = options.wordsPerArticle ?? 600;
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;

  for (let batch = 0; batch < options.count; batch += 1000) {
    const dir = join(options.dir, String(Math.floor(batch / 1000)).padStart(3, '0'));
    await mkdir(dir, { recursive: true });
    const writes: Promise<void>[] = [];
    for (let i = batch; i < Math.min(batch + 1000, options.count); i++) {
      const date = new Date(start + Math.floor(next() * span));
      const title = `${sentence().slice(0, -1)} ${i}`;
      const paragraphs: string[] = [];
      let length = 0;
      while (length < wordsPerArticle) {
        const p = paragraph();
        paragraphs.push(p);
        length += p.split(' ').length;
      }
      if (i % 4 === 3) {
        const dateLine = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
        const middle = Math.floor(paragraphs.length / 2);
        const body = [...paragraphs.slice(0, middle), `Reaction in the ${pick(TAGS)} world`, ...paragraphs.slice(middle)];
        writes.push(writeFile(join(dir, `article-${i}.txt`), `${dateLine}\n\n${title}\n\n${body.join('\n\n')}\n\nThe Bench Desk with AFP\n`));
      } else {
        const tags = [pick(TAGS), pick(TAGS)].filter((tag, index, all) => all.indexOf(tag) === index);
        const frontMatter = `---\ntitle: "${title}"\ndate: ${date.toISOString()}\nauthor: Reporter ${i % 37}\ntags: [${tags.join(', ')}]\n---\n`;
        const body = paragraphs.map((p, index) => (index === 2 ? `## ${words(4)}\n\n${p}` : p)).join('\n\n');
        writes.push(writeFile(join(dir, `article-${i}.md`), `${frontMatter}\n${body}\n`));
      }
    }
    await Promise.all(writes);
  }
}
