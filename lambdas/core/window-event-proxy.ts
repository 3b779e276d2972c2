/**
 * Lets each page's DOM die young: jsdom's `<body>`, `<frameset>` and `<svg>` elements
 * forward window events (`onload`, `onresize`…) through a method instead of a closure.
 *
 * jsdom 26 gives each of those elements, in its constructor, its own arrow function
 * (`this._getEventHandlerTarget = event => … this …`). An object holding a closure over
 * itself survives V8's young-generation collections (Node 20; test/core/window-event-proxy
 * .test.ts shows it on a plain object), and every element reaches its document, so the
 * whole DOM of every page was copied at each scavenge and moved to the old generation to
 * wait for a full collection. Every HTML document has a `<body>`. Measured over 164 corpus
 * pages processed twice in a worker with the page worker's heap (64 MB semi-spaces, see
 * page-worker.ts): scavenge pauses 3.4 s -> 0.5 s and the pipeline's CPU time -40%; with
 * V8's default 16 MB semi-spaces a page's DOM outlives a scavenge anyway and little changes.
 *
 * The patch, applied once: the constructor hook installs nothing, and the three element
 * implementation prototypes (not the mixin's, which the Window copies too) answer
 * `_getEventHandlerTarget` themselves, with jsdom's own rule (window events go to the
 * document's window, or nowhere without one; others stay on the element). The event names are read from jsdom's WindowEventHandlers accessors
 * (`onafterprint` … `onunload`, plus the overridden `onblur`, `onload`…), not copied.
 *
 * It touches jsdom internals, so it checks their shape first and leaves jsdom as it is when
 * they differ (another jsdom version); `WINDOW_EVENT_PROXY_APPLIED` says which.
 */

import { compactSource } from './jsdom-source';

/** The jsdom version whose internals the patch was written for and tested against. */
export const WINDOW_EVENT_PROXY_JSDOM_VERSION = '26.1.0';

interface ElementImpl {
  readonly ownerDocument: { readonly defaultView: unknown };
}

interface ImplModule {
  implementation?: { prototype?: Record<string | symbol, unknown> };
}

/** Marks a patched element prototype (a second load of this module must not patch twice). */
const PATCHED = Symbol.for('schemapress.windowEventProxy');
/** The event-handler attribute prefix of jsdom's generated accessors (`onload`). */
const HANDLER_PREFIX = 'on';

interface Prototypes {
  /** WindowEventHandlers' mixin prototype: its `on…` accessors name the forwarded events. */
  readonly mixin: Record<string | symbol, unknown>;
  /** The elements that mix it in (body, frameset, svg), each with its own copy of the hook. */
  readonly elements: readonly Record<string | symbol, unknown>[];
}

function loadPrototypes(): Prototypes | undefined {
  try {
    // jsdom first: its implementation modules require each other in a cycle that only
    // resolves when entered through the package's main module.
    require('jsdom');
    const version = (require('jsdom/package.json') as { version?: string }).version;
    if (version !== WINDOW_EVENT_PROXY_JSDOM_VERSION) return undefined;
    // Literal requires, so that bundlers include the very modules jsdom itself uses.
    const mixin = (require('jsdom/lib/jsdom/living/nodes/WindowEventHandlers-impl') as ImplModule)
      .implementation?.prototype;
    const elements = [
      (require('jsdom/lib/jsdom/living/nodes/HTMLBodyElement-impl') as ImplModule).implementation?.prototype,
      (require('jsdom/lib/jsdom/living/nodes/HTMLFrameSetElement-impl') as ImplModule).implementation
        ?.prototype,
      (require('jsdom/lib/jsdom/living/nodes/SVGSVGElement-impl') as ImplModule).implementation?.prototype,
    ];
    if (!mixin || !elements.every((prototype) => prototype !== undefined)) return undefined;
    return { mixin, elements: elements as Record<string | symbol, unknown>[] };
  } catch {
    return undefined;
  }
}

/** The events jsdom forwards to the window: the names of the mixin's `on…` accessors. */
function forwardedEvents(mixin: Record<string | symbol, unknown>): Set<string> {
  return new Set(
    Object.getOwnPropertyNames(mixin)
      .filter((name) => name.startsWith(HANDLER_PREFIX) && Object.getOwnPropertyDescriptor(mixin, name)?.get)
      .map((name) => name.slice(HANDLER_PREFIX.length)),
  );
}

/**
 * The shape check: the hook is the one-statement closure install described above, on the
 * mixin and on each element (which copied it), and the events include the known ones.
 * It reads only what survives minification (property names, string literals, `this`).
 */
function hasExpectedShape({ mixin, elements }: Prototypes, events: ReadonlySet<string>): boolean {
  const hook = compactSource(mixin._proxyWindowEventsToWindow);
  return (
    hook.includes('this._getEventHandlerTarget=') &&
    hook.includes('.ownerDocument.defaultView||null') &&
    hook.includes('.has(') &&
    ['load', 'resize', 'afterprint', 'unload', 'message'].every((event) => events.has(event)) &&
    elements.every((prototype) => compactSource(prototype._proxyWindowEventsToWindow) === hook)
  );
}

function patch({ elements }: Prototypes, events: ReadonlySet<string>): void {
  function getEventHandlerTarget(this: ElementImpl, event: string): unknown {
    return events.has(event) ? this.ownerDocument.defaultView || null : this;
  }
  function installNothing(): void {}
  // The elements only: the Window mixes in the same prototype and keeps its own target.
  for (const prototype of elements) {
    prototype._proxyWindowEventsToWindow = installNothing;
    prototype._getEventHandlerTarget = getEventHandlerTarget;
    Object.defineProperty(prototype, PATCHED, { value: true });
  }
}

/** Applies the patch when jsdom's internals have the expected shape; returns whether it is in place. */
function applyWindowEventProxy(): boolean {
  const prototypes = loadPrototypes();
  if (!prototypes) return false;
  if (prototypes.elements.every((prototype) => Object.hasOwn(prototype, PATCHED))) return true;
  const events = forwardedEvents(prototypes.mixin);
  if (!hasExpectedShape(prototypes, events)) return false;
  patch(prototypes, events);
  return true;
}

/** Whether the patch is in place (false: jsdom's internals were not the expected shape). */
export const WINDOW_EVENT_PROXY_APPLIED: boolean = applyWindowEventProxy();
