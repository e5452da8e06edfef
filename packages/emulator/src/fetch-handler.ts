/** The one shape every transport adapts: a Fetch-standard request in, a response out. */
export type FetchHandler = (request: Request) => Promise<Response>;
