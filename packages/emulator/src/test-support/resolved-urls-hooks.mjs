// Module customization hooks (run on Node's hooks thread): every URL an import resolves to is posted
// to the port the registering thread gave (see loaded-packages.mjs).
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}
