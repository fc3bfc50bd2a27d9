import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForeignSite {
  /** http://127.0.0.1:<another port> */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Another web site on the same machine (another port on 127.0.0.1): serves each page given, by path,
 * as HTML, as any page the advisor has open in another tab could.
 */
export async function startForeignSite(pages: Readonly<Record<string, string>>): Promise<ForeignSite> {
  const server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
