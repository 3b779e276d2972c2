/**
 * A small, safe Markdown reader: front matter, then blocks (headings, paragraphs, lists,
 * quotes, fenced code, rules) with inline emphasis, code, links and images rendered to
 * HTML. Raw HTML in the source is never passed through: every piece of text is escaped,
 * and links keep only http(s), mailto and relative URLs.
 *
 * Enough for article files; not a CommonMark implementation (no nested lists, tables,
 * reference links or HTML blocks).
 */

export type BlockKind = 'paragraph' | 'heading' | 'list' | 'quote' | 'code' | 'rule';

export interface TextBlock {
  readonly kind: BlockKind;
  /** Plain text (Markdown syntax removed), for facts and the article body. */
  readonly text: string;
  /** Inner HTML, escaped and safe. */
  readonly html: string;
  /** Heading level (1–6), or 1 for an ordered list, 0 for a bullet list. */
  readonly level?: number;
  /** List items' plain text. */
  readonly items?: readonly string[];
}

export type FrontMatter = Readonly<Record<string, string | readonly string[]>>;

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const FRONT_MATTER_KEY = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/;
const FRONT_MATTER_ITEM = /^\s+-\s+(.*)$/;
const ATX_HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^(=+|-+)[ \t]*$/;
const FENCE = /^(```|~~~)/;
const RULE = /^(?:\*[ \t]*){3,}$|^(?:-[ \t]*){3,}$|^(?:_[ \t]*){3,}$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const ORDERED = /^[ \t]{0,3}\d{1,9}[.)][ \t]+(.*)$/;
const QUOTE = /^[ \t]{0,3}>[ \t]?(.*)$/;
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const INLINE =
  /(`+)([\s\S]*?)\1|!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"([^"]*)")?\s*\)|\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+"([^"]*)")?\s*\)|(\*\*|__)(?=\S)([\s\S]*?\S)\9|(\*|_)(?=\S)([\s\S]*?\S)\11|<(https?:\/\/[^>\s]+)>/g;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Splits off a `---` YAML-style front matter block (flat keys, scalar or list values). */
export function readFrontMatter(source: string): { frontMatter: FrontMatter; rest: string } {
  const match = FRONT_MATTER.exec(source);
  if (!match) return { frontMatter: {}, rest: source };
  const frontMatter: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  for (const line of (match[1] ?? '').split('\n')) {
    const item = FRONT_MATTER_ITEM.exec(line);
    if (item && listKey) {
      const list = frontMatter[listKey];
      const value = unquote(item[1] ?? '');
      frontMatter[listKey] = Array.isArray(list) ? [...list, value] : [value];
      continue;
    }
    const entry = FRONT_MATTER_KEY.exec(line);
    if (!entry) continue;
    const key = (entry[1] ?? '').toLowerCase();
    const raw = (entry[2] ?? '').trim();
    listKey = raw === '' ? key : undefined;
    if (raw.startsWith('[') && raw.endsWith(']')) {
      frontMatter[key] = raw
        .slice(1, -1)
        .split(',')
        .map((value) => unquote(value.trim()))
        .filter((value) => value !== '');
    } else if (raw !== '') {
      frontMatter[key] = unquote(raw);
    }
  }
  return { frontMatter, rest: source.slice(match[0].length) };
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed.at(-1) === trimmed[0]) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}

/** Reads Markdown (without front matter) into blocks. */
export function readMarkdownBlocks(source: string): TextBlock[] {
  const lines = source.split('\n');
  const blocks: TextBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      blocks.push(headingBlock((heading[1] ?? '#').length, heading[2] ?? ''));
      i++;
      continue;
    }
    const fence = FENCE.exec(line.trim());
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(fence[1] ?? '```'))
        code.push(lines[i++] ?? '');
      i++;
      const text = code.join('\n');
      blocks.push({ kind: 'code', text, html: `<code>${escapeHtml(text)}</code>` });
      continue;
    }
    if (RULE.test(line.trim())) {
      blocks.push({ kind: 'rule', text: '', html: '' });
      i++;
      continue;
    }
    if (BULLET.test(line) || ORDERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? ORDERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() !== '') {
        const current = lines[i] ?? '';
        const item = pattern.exec(current);
        if (item) items.push(item[1] ?? '');
        else if (items.length > 0) items[items.length - 1] += ` ${current.trim()}`;
        i++;
      }
      blocks.push({
        kind: 'list',
        level: ordered ? 1 : 0,
        items: items.map(inlineText),
        text: items.map(inlineText).join('\n'),
        html: items.map((item) => `<li>${renderInline(item)}</li>`).join(''),
      });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? ''))
        quoted.push(QUOTE.exec(lines[i++] ?? '')?.[1] ?? '');
      const text = quoted.join(' ').trim();
      blocks.push({ kind: 'quote', text: inlineText(text), html: `<p>${renderInline(text)}</p>` });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (current.trim() === '' || ATX_HEADING.test(current) || FENCE.test(current.trim())) break;
      if (paragraph.length > 0 && (BULLET.test(current) || QUOTE.test(current))) break;
      if (paragraph.length > 0 && SETEXT_UNDERLINE.test(current)) {
        blocks.push(headingBlock(current.trim().startsWith('=') ? 1 : 2, paragraph.join(' ')));
        paragraph.length = 0;
        i++;
        break;
      }
      paragraph.push(current.trim());
      i++;
    }
    if (paragraph.length > 0) blocks.push(paragraphBlock(paragraph.join(' ')));
  }
  return blocks;
}

export function headingBlock(level: number, source: string): TextBlock {
  return { kind: 'heading', level, text: inlineText(source), html: renderInline(source) };
}

export function paragraphBlock(source: string): TextBlock {
  return { kind: 'paragraph', text: inlineText(source), html: renderInline(source) };
}

/** Renders inline Markdown to escaped HTML. */
export function renderInline(source: string): string {
  let out = '';
  let last = 0;
  for (const match of source.matchAll(INLINE)) {
    out += escapeHtml(source.slice(last, match.index));
    last = match.index + match[0].length;
    const [
      ,
      ticks,
      code,
      imageAlt,
      imageUrl,
      imageTitle,
      linkText,
      linkUrl,
      linkTitle,
      ,
      strong,
      ,
      em,
      auto,
    ] = match;
    if (ticks !== undefined) {
      out += `<code>${escapeHtml((code ?? '').trim())}</code>`;
    } else if (imageUrl !== undefined && safeUrl(imageUrl)) {
      const title = imageTitle ? ` title="${escapeHtml(imageTitle)}"` : '';
      out += `<img src="${escapeHtml(imageUrl)}" alt="${escapeHtml(imageAlt ?? '')}"${title}>`;
    } else if (imageUrl !== undefined) {
      out += escapeHtml(imageAlt ?? '');
    } else if (linkText !== undefined && linkUrl !== undefined && safeUrl(linkUrl)) {
      const title = linkTitle ? ` title="${escapeHtml(linkTitle)}"` : '';
      out += `<a href="${escapeHtml(linkUrl)}"${title}>${renderInline(linkText)}</a>`;
    } else if (linkText !== undefined) {
      out += renderInline(linkText);
    } else if (strong !== undefined) {
      out += `<strong>${renderInline(strong)}</strong>`;
    } else if (em !== undefined) {
      out += `<em>${renderInline(em)}</em>`;
    } else if (auto !== undefined) {
      out += `<a href="${escapeHtml(auto)}">${escapeHtml(auto)}</a>`;
    }
  }
  return out + escapeHtml(source.slice(last));
}

/** The visible text of inline Markdown. */
export function inlineText(source: string): string {
  let out = '';
  let last = 0;
  for (const match of source.matchAll(INLINE)) {
    out += source.slice(last, match.index);
    last = match.index + match[0].length;
    const [, ticks, code, imageAlt, , , linkText, , , , strong, , em, auto] = match;
    if (ticks !== undefined) out += (code ?? '').trim();
    else if (imageAlt !== undefined && linkText === undefined && strong === undefined) out += imageAlt;
    else if (linkText !== undefined) out += inlineText(linkText);
    else if (strong !== undefined) out += inlineText(strong);
    else if (em !== undefined) out += inlineText(em);
    else if (auto !== undefined) out += auto;
  }
  return out + source.slice(last);
}

function safeUrl(url: string): boolean {
  // Control characters and whitespace can hide a scheme ("java\tscript:").
  let cleaned = '';
  for (const char of url) if (char > ' ' && char !== '\u007f') cleaned += char;
  if (cleaned === '') return false;
  const scheme = URL_SCHEME.exec(cleaned)?.[1]?.toLowerCase();
  return scheme === undefined || SAFE_SCHEMES.has(scheme);
}
