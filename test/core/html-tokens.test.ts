import { htmlTokens, type StartTagToken } from '../../lambdas/core/html-tokens';

function startTags(html: string): StartTagToken[] {
  return htmlTokens(html).filter((token): token is StartTagToken => token.kind === 'startTag');
}

function attributePairs(tag: StartTagToken | undefined): [string, string][] {
  return (tag?.attributes ?? []).map((attribute) => [attribute.name, attribute.value]);
}

describe('html tokenizer: tags and attributes (character-code reader)', () => {
  test('every HTML whitespace character separates names and attributes', () => {
    // GIVEN a tag whose parts are separated by tab, line feed, form feed, carriage return and space
    const html = '<DIV\tid=a\nCLASS = "b c"\fdata-x=\'1\'\rtitle =d >x</div>';
    // WHEN tokenized
    const [tag] = startTags(html);
    // THEN the name and every attribute are read, lower-cased, with raw values
    expect(tag?.name).toBe('div');
    expect(attributePairs(tag)).toEqual([
      ['id', 'a'],
      ['class', 'b c'],
      ['data-x', '1'],
      ['title', 'd'],
    ]);
    // AND the offsets cover the attribute text exactly
    expect(tag?.attributes.map((attribute) => html.slice(attribute.start, attribute.end))).toEqual([
      'id=a',
      'CLASS = "b c"',
      "data-x='1'",
      'title =d',
    ]);
    expect(tag?.nameEnd).toBe(4);
    expect(html.slice(0, tag?.end)).toBe(html.slice(0, html.indexOf('>') + 1));
  });

  test('a leading "=" belongs to the attribute name; valueless and unquoted values end where the standard ends them', () => {
    // GIVEN odd but legal attribute shapes
    const [tag] = startTags('<a =b c= d e f=g>h>text');
    // WHEN tokenized
    // THEN each is read as the standard's tokenizer reads it
    expect(attributePairs(tag)).toEqual([
      ['=b', ''],
      ['c', 'd'],
      ['e', ''],
      ['f', 'g'],
    ]);
    expect(tag?.end).toBe('<a =b c= d e f=g>'.length);
  });

  test('self-closing needs "/" right before ">"; a slash elsewhere is ignored', () => {
    // GIVEN three tags with slashes in different places
    const tags = startTags('<br/><img src=x / alt=y><img src=a/>');
    // WHEN tokenized
    // THEN only a slash just before ">" marks the tag self-closing, and an unquoted value keeps its slash
    expect(tags.map((tag) => tag.selfClosing)).toEqual([true, false, false]);
    expect(attributePairs(tags[1])).toEqual([
      ['src', 'x'],
      ['alt', 'y'],
    ]);
    expect(attributePairs(tags[2])).toEqual([['src', 'a/']]);
  });

  test('the text ending inside a tag or a quoted value drops the tag, as the standard does', () => {
    // GIVEN pages cut off inside a tag name, an attribute and a quoted value
    for (const html of ['x<div', 'x<div id=a', 'x<div title="abc']) {
      // WHEN tokenized
      const tokens = htmlTokens(html);
      // THEN no start tag is reported; the rest is text
      expect(tokens.some((token) => token.kind === 'startTag')).toBe(false);
      expect(tokens[0]).toEqual({ kind: 'text', start: 0, end: html.length });
    }
  });

  test('"<" before a non-letter is text; end tags need a letter too', () => {
    // GIVEN a lone "<", "<1", a non-ASCII letter and a real end tag
    const tokens = htmlTokens('a < b <1 <\u00e9</B>');
    // WHEN tokenized
    // THEN the only tag is the end tag, lower-cased
    expect(tokens.map((token) => token.kind)).toEqual(['text', 'endTag']);
    expect(tokens[1]).toMatchObject({ kind: 'endTag', name: 'b' });
  });
});
