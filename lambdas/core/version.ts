/**
 * The extractor's version, stored with every article record so a later release can tell
 * which records were produced by older rules and re-process them.
 */
import { version } from '../../package.json';

export const EXTRACTOR_VERSION: string = version;
