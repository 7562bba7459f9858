import { pathToFileURL } from 'node:url';

/**
 * The URL of the compiled module this function is in (`dist/esm/node/own-url.js` or its CommonJS
 * twin). `import.meta.url` would say it, but the CommonJS build cannot contain `import.meta` and
 * the ESM build has no `__filename`, and both are compiled from this one file. V8's structured
 * call sites name the file that is running; the `stack` string would not do, since with source
 * maps enabled (tsx enables them) it names the `.ts` source the map points to.
 */
export function ownModuleUrl(): URL {
  const { prepareStackTrace, stackTraceLimit } = Error;
  const holder: { stack?: unknown } = {};
  let sites: unknown;
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder);
    // V8 formats `stack` when first read: read it while the structured formatter is in place.
    sites = holder.stack;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
  const site = Array.isArray(sites) ? (sites[0] as NodeJS.CallSite | undefined) : undefined;
  const fileName = site?.getFileName();
  if (!fileName) throw new Error('@pinion/transformer/register could not tell where its own files are');
  return fileName.startsWith('file:') ? new URL(fileName) : pathToFileURL(fileName);
}
