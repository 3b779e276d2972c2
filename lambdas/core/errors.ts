/**
 * Typed input errors. Each one means "this file cannot become an article": the pipeline
 * records it as failed with `code` and `message` and goes on with the rest of the batch.
 * Anything else thrown from the core is a bug or a transient fault.
 */
export type InputErrorCode =
  | 'EMPTY_INPUT'
  | 'BINARY_INPUT'
  | 'INPUT_TOO_LARGE'
  | 'NO_ARTICLE'
  | 'PAGE_TOO_COMPLEX'
  | 'UNSUPPORTED_INPUT';

export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class EmptyInputError extends InputError {
  constructor(message = 'The file is empty (0 bytes, or only whitespace): there is no article to extract.') {
    super('EMPTY_INPUT', message);
  }
}

export class BinaryInputError extends InputError {
  constructor(detail = 'it contains NUL bytes or undecodable data') {
    super(
      'BINARY_INPUT',
      `The file is not text (${detail}); upload an HTML, plain-text or Markdown article.`,
    );
  }
}

export class InputTooLargeError extends InputError {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(
      'INPUT_TOO_LARGE',
      `The file is ${size} bytes, over the limit of ${limit} bytes; split it or raise the maximum object size.`,
    );
  }
}

export class NoArticleError extends InputError {
  constructor(detail = 'no headline and no article text were found') {
    super('NO_ARTICLE', `The page holds no article: ${detail}.`);
  }
}

export class PageTooComplexError extends InputError {
  constructor(detail: string) {
    super('PAGE_TOO_COMPLEX', `The page is too complex to parse safely: ${detail}.`);
  }
}

export class UnsupportedInputError extends InputError {
  constructor(detail: string) {
    super('UNSUPPORTED_INPUT', `The file type is not supported: ${detail}.`);
  }
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}
