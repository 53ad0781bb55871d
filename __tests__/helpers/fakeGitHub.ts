/**
 * A small in-memory stand-in for the GitHub REST API, served over node:http on 127.0.0.1.
 *
 * It implements only what the refresh mode calls, with GitHub's observable behaviour:
 *   GET   /repos/{o}/{r}/contents/{path}?ref=…     file metadata + base64 content (60-column lines)
 *   PUT   /repos/{o}/{r}/contents/{path}           create/update a file; requires the current blob sha
 *   GET   /repos/{o}/{r}/git/ref/heads/{branch}
 *   GET   /repos/{o}/{r}/git/blobs/{sha}              base64 content of any size (for files over 1 MB)
 *   POST  /repos/{o}/{r}/git/refs                  create a branch
 *   PATCH /repos/{o}/{r}/git/refs/heads/{branch}   move a branch (fast-forward unless force)
 *   GET   /repos/{o}/{r}/pulls?head=o:b&base=…&state=…
 *   POST  /repos/{o}/{r}/pulls
 *   PATCH /repos/{o}/{r}/pulls/{n}
 *
 * Blob shas are real git blob shas (sha1 of "blob <len>\0<bytes>"), so clients may compare them.
 * Every request is recorded; hooks can run code before a matching request (e.g. a concurrent push)
 * or answer it with a forced status.
 *
 * Usage:
 *   const gh = await startFakeGitHub({ files: { '.test_durations': '{}' } });
 *   const octokit = getOctokit('fake-token', { baseUrl: gh.baseUrl });
 *   gh.beforeNext('PUT', '/contents/', () => gh.setFile('main', '.test_durations', 'theirs'));
 *   gh.failNext('PUT', '/contents/', 403, 'Resource not accessible by integration');
 *   …
 *   await gh.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received, e.g. "/repos/o/r/contents/.test_durations?ref=main". */
  url: string;
  /** Decoded path without the query. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request JSON of any shape; each handler checks what it reads
  body: any;
  /** The Authorization header as sent, e.g. "token fake-token". */
  auth: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Status the fake answered with. */
  status?: number;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
}

export interface FakeCommit {
  sha: string;
  message: string;
  parents: string[];
  /** path -> blob sha */
  tree: Map<string, string>;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  head: string;
  base: string;
  html_url: string;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** Initial files on the default branch. */
  files?: Record<string, string>;
  /** When set, requests must carry "token <t>" or "Bearer <t>", else 401 Bad credentials. */
  token?: string;
  /** Contents GET returns encoding "none" with empty content above this size (GitHub: 1 MB). */
  maxInlineBytes?: number;
}

export interface Permissions {
  contents: 'read' | 'write';
  pullRequests: 'read' | 'write';
}

type Matcher = string | RegExp | undefined;
type HookFn = (req: RecordedRequest) => void | FakeResponse | Promise<void | FakeResponse>;
interface Hook {
  method: string | undefined;
  path: Matcher;
  remaining: number;
  run: HookFn;
}

export interface FakeGitHub {
  readonly baseUrl: string;
  readonly port: number;
  readonly owner: string;
  readonly repo: string;
  readonly fullName: string;
  readonly defaultBranch: string;
  readonly requests: RecordedRequest[];
  readonly pulls: FakePull[];
  permissions: Permissions;
  /** Commit a file directly (as another actor would); returns the new commit and blob shas. */
  setFile(branch: string, path: string, content: string, message?: string): { commitSha: string; blobSha: string };
  /** Current content of a file on a branch, or undefined. */
  getFile(branch: string, path: string): string | undefined;
  /** Blob sha of a file on a branch, or undefined. */
  blobSha(branch: string, path: string): string | undefined;
  createBranch(name: string, from?: string): string;
  /** Head commit sha of a branch, or undefined. */
  branchSha(name: string): string | undefined;
  commit(sha: string): FakeCommit | undefined;
  /** Commits reachable from a branch head, newest first along first parents. */
  history(branch: string): FakeCommit[];
  /** Requests matching method (and path substring/regex). */
  requestsFor(method?: string, path?: Matcher): RecordedRequest[];
  /** Run fn before handling the next `times` matching requests; fn may return a response to short-circuit. */
  on(method: string | undefined, path: Matcher, fn: HookFn, times?: number): void;
  /** Run fn (e.g. a concurrent change) before the next matching request, then handle it normally. */
  beforeNext(method: string | undefined, path: Matcher, fn: (req: RecordedRequest) => void, times?: number): void;
  /** Answer the next `times` matching requests with this status and a GitHub-style error body. */
  failNext(method: string | undefined, path: Matcher, status: number, message: string, times?: number): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

export function gitBlobSha(content: Buffer | string): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Base64 the way GitHub's contents API returns it: 60-character lines, each ending in "\n". */
export function githubBase64(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 60) out += b64.slice(i, i + 60) + '\n';
  return out;
}

function matches(m: Matcher, path: string): boolean {
  if (m === undefined) return true;
  return typeof m === 'string' ? path.includes(m) : m.test(path);
}

class HttpFail extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body && 'message' in body ? String(body.message) : 'error');
  }
}

function fail(status: number, message: string, extra: Record<string, unknown> = {}): never {
  throw new HttpFail(status, { message, documentation_url: DOCS, status: String(status), ...extra });
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'octo-repo';
  const fullName = `${owner}/${repo}`;
  const defaultBranch = options.defaultBranch ?? 'main';
  const maxInline = options.maxInlineBytes ?? 1024 * 1024;

  const blobs = new Map<string, Buffer>();
  const commits = new Map<string, FakeCommit>();
  const refs = new Map<string, string>();
  const pulls: FakePull[] = [];
  const requests: RecordedRequest[] = [];
  const hooks: Hook[] = [];
  let counter = 0;
  let baseUrl = '';

  function addCommit(parent: string | undefined, tree: Map<string, string>, message: string): string {
    counter += 1;
    const sha = createHash('sha1')
      .update(`commit ${counter}\0${parent ?? ''}\0${message}\0${[...tree].join(',')}`)
      .digest('hex');
    commits.set(sha, { sha, message, parents: parent ? [parent] : [], tree });
    return sha;
  }

  function writeFile(branch: string, path: string, bytes: Buffer, message: string): { commitSha: string; blobSha: string } {
    const head = refs.get(branch);
    if (!head) throw new Error(`fakeGitHub: no branch ${branch}`);
    const blobSha = gitBlobSha(bytes);
    blobs.set(blobSha, bytes);
    const tree = new Map(commits.get(head)!.tree);
    tree.set(path, blobSha);
    const commitSha = addCommit(head, tree, message);
    refs.set(branch, commitSha);
    return { commitSha, blobSha };
  }

  function isAncestor(ancestor: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length) {
      const s = stack.pop()!;
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(commits.get(s)?.parents ?? []));
    }
    return false;
  }

  // Root commit with the initial files.
  {
    const tree = new Map<string, string>();
    for (const [p, c] of Object.entries(options.files ?? {})) {
      const bytes = Buffer.from(c, 'utf8');
      const sha = gitBlobSha(bytes);
      blobs.set(sha, bytes);
      tree.set(p, sha);
    }
    refs.set(defaultBranch, addCommit(undefined, tree, 'Initial commit'));
  }

  const api = `/repos/${owner}/${repo}`;
  const refJson = (branch: string) => {
    const sha = refs.get(branch)!;
    return {
      ref: `refs/heads/${branch}`,
      node_id: `REF_${Buffer.from(branch).toString('base64')}`,
      url: `${baseUrl}${api}/git/refs/heads/${branch}`,
      object: { sha, type: 'commit', url: `${baseUrl}${api}/git/commits/${sha}` },
    };
  };
  const pullJson = (p: FakePull) => ({
    url: `${baseUrl}${api}/pulls/${p.number}`,
    id: 1000 + p.number,
    number: p.number,
    state: p.state,
    title: p.title,
    body: p.body,
    html_url: p.html_url,
    head: { label: `${owner}:${p.head}`, ref: p.head, sha: refs.get(p.head) ?? null, repo: { full_name: fullName } },
    base: { label: `${owner}:${p.base}`, ref: p.base, sha: refs.get(p.base) ?? null, repo: { full_name: fullName } },
  });
  const fileJson = (path: string, sha: string, withContent: boolean) => {
    const bytes = blobs.get(sha)!;
    const name = path.split('/').pop()!;
    const meta = {
      name,
      path,
      sha,
      size: bytes.length,
      url: `${baseUrl}${api}/contents/${path}`,
      html_url: `https://github.com/${fullName}/blob/HEAD/${path}`,
      git_url: `${baseUrl}${api}/git/blobs/${sha}`,
      download_url: `https://raw.githubusercontent.com/${fullName}/HEAD/${path}`,
      type: 'file',
    };
    if (!withContent) return meta;
    const inline = bytes.length <= maxInline;
    return { ...meta, content: inline ? githubBase64(bytes) : '', encoding: inline ? 'base64' : 'none' };
  };

  function requireWrite(kind: keyof Permissions): void {
    if (state.permissions[kind] !== 'write') fail(403, 'Resource not accessible by integration');
  }

  function route(req: RecordedRequest): FakeResponse {
    const { method, path, query, body } = req;
    if (!path.startsWith(`${api}/`)) fail(404, 'Not Found');
    const rest = path.slice(api.length);

    // Contents
    if (rest.startsWith('/contents/')) {
      const filePath = rest.slice('/contents/'.length).replace(/^\/+|\/+$/g, '');
      if (method === 'GET') {
        const ref = query['ref'] ?? defaultBranch;
        const head = refs.get(ref) ?? (commits.has(ref) ? ref : undefined);
        if (!head) fail(404, `No commit found for the ref ${ref}`);
        const tree = commits.get(head)!.tree;
        const sha = tree.get(filePath);
        if (sha) return { status: 200, body: { ...fileJson(filePath, sha, true), _links: {} } };
        const prefix = `${filePath}/`;
        const children = [...tree.keys()].filter((p) => p.startsWith(prefix));
        if (children.length) {
          return {
            status: 200,
            body: children.map((p) => ({ ...fileJson(p, tree.get(p)!, false), type: 'file' })),
          };
        }
        fail(404, 'Not Found');
      }
      if (method === 'PUT') {
        if (!body || typeof body !== 'object') fail(400, 'Problems parsing JSON');
        if (typeof body.message !== 'string') fail(422, 'Invalid request.\n\n"message" wasn\'t supplied.');
        if (typeof body.content !== 'string') fail(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.content.replace(/\s+/g, ''))) fail(422, 'content is not valid Base64');
        requireWrite('contents');
        const branch: string = body.branch ?? defaultBranch;
        const head = refs.get(branch);
        if (!head) fail(404, `Branch ${branch} not found`);
        const current = commits.get(head)!.tree.get(filePath);
        if (current && body.sha === undefined) fail(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
        if (body.sha !== undefined && body.sha !== current) fail(409, `${filePath} does not match ${body.sha}`);
        const bytes = Buffer.from(body.content, 'base64');
        const { commitSha, blobSha } = writeFile(branch, filePath, bytes, body.message);
        const c = commits.get(commitSha)!;
        return {
          status: current ? 200 : 201,
          body: {
            content: { ...fileJson(filePath, blobSha, false), _links: {} },
            commit: {
              sha: commitSha,
              node_id: `C_${commitSha.slice(0, 8)}`,
              url: `${baseUrl}${api}/git/commits/${commitSha}`,
              html_url: `https://github.com/${fullName}/commit/${commitSha}`,
              message: c.message,
              parents: c.parents.map((p) => ({ sha: p, url: `${baseUrl}${api}/git/commits/${p}` })),
            },
          },
        };
      }
      fail(404, 'Not Found');
    }

    // Blobs
    const getBlob = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest);
    if (getBlob && method === 'GET') {
      const bytes = blobs.get(getBlob[1]!);
      if (!bytes) fail(404, 'Not Found');
      return {
        status: 200,
        body: { sha: getBlob[1], size: bytes.length, url: `${baseUrl}${api}/git/blobs/${getBlob[1]}`, content: githubBase64(bytes), encoding: 'base64' },
      };
    }

    // Refs
    const getRef = /^\/git\/ref\/heads\/(.+)$/.exec(rest);
    if (getRef && method === 'GET') {
      const branch = getRef[1]!;
      if (!refs.has(branch)) fail(404, 'Not Found');
      return { status: 200, body: refJson(branch) };
    }
    if (rest === '/git/refs' && method === 'POST') {
      const ref = body?.ref;
      const sha = body?.sha;
      if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
        fail(422, "Reference name must start with 'refs/' and have at least two slashes.");
      }
      if (typeof sha !== 'string' || !commits.has(sha)) fail(422, 'Object does not exist');
      requireWrite('contents');
      const m = /^refs\/heads\/(.+)$/.exec(ref);
      if (!m) fail(422, 'Only branches are supported by this fake');
      const branch = m[1]!;
      if (refs.has(branch)) fail(422, 'Reference already exists');
      refs.set(branch, sha);
      return { status: 201, body: refJson(branch) };
    }
    const patchRef = /^\/git\/refs\/heads\/(.+)$/.exec(rest);
    if (patchRef && method === 'PATCH') {
      const branch = patchRef[1]!;
      const sha = body?.sha;
      if (!refs.has(branch)) fail(422, 'Reference does not exist');
      if (typeof sha !== 'string' || !commits.has(sha)) fail(422, 'Object does not exist');
      requireWrite('contents');
      if (!body.force && !isAncestor(refs.get(branch)!, sha)) fail(422, 'Update is not a fast forward');
      refs.set(branch, sha);
      return { status: 200, body: refJson(branch) };
    }

    // Pulls
    if (rest === '/pulls' && method === 'GET') {
      const state = query['state'] ?? 'open';
      let list = pulls.filter((p) => state === 'all' || p.state === state);
      const head = query['head'];
      if (head && head.includes(':')) {
        const [user, ...refParts] = head.split(':');
        const ref = refParts.join(':');
        list = list.filter((p) => user === owner && p.head === ref);
      }
      if (query['base']) list = list.filter((p) => p.base === query['base']);
      return { status: 200, body: list.map(pullJson) };
    }
    if (rest === '/pulls' && method === 'POST') {
      requireWrite('pullRequests');
      const { title, head, base } = body ?? {};
      if (typeof title !== 'string' || !title) fail(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }] });
      const headRef = typeof head === 'string' && head.includes(':') ? head.split(':').slice(1).join(':') : head;
      if (typeof headRef !== 'string' || !refs.has(headRef))
        fail(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] });
      if (typeof base !== 'string' || !refs.has(base))
        fail(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }] });
      if (pulls.some((p) => p.state === 'open' && p.head === headRef && p.base === base)) {
        fail(422, 'Validation Failed', {
          errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${headRef}.` }],
        });
      }
      if (isAncestor(refs.get(headRef)!, refs.get(base)!)) {
        fail(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headRef}` }] });
      }
      const number = pulls.length + 1;
      const pr: FakePull = {
        number,
        state: 'open',
        title,
        body: body.body ?? null,
        head: headRef,
        base,
        html_url: `https://github.com/${fullName}/pull/${number}`,
      };
      pulls.push(pr);
      return { status: 201, body: pullJson(pr) };
    }
    const pullN = /^\/pulls\/(\d+)$/.exec(rest);
    if (pullN && method === 'PATCH') {
      const pr = pulls.find((p) => p.number === Number(pullN[1]));
      if (!pr) fail(404, 'Not Found');
      requireWrite('pullRequests');
      if (typeof body?.title === 'string') pr.title = body.title;
      if (typeof body?.body === 'string') pr.body = body.body;
      if (body?.state === 'open' || body?.state === 'closed') pr.state = body.state;
      if (typeof body?.base === 'string') pr.base = body.base;
      return { status: 200, body: pullJson(pr) };
    }
    fail(404, 'Not Found');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: decodeURIComponent(u.pathname),
      query: Object.fromEntries(u.searchParams),
      body: undefined,
      auth: req.headers.authorization,
      headers: req.headers,
    };
    requests.push(rec);
    let out: FakeResponse;
    try {
      if (raw) {
        try {
          rec.body = JSON.parse(raw);
        } catch {
          fail(400, 'Problems parsing JSON');
        }
      }
      if (options.token !== undefined) {
        const ok = rec.auth === `token ${options.token}` || rec.auth === `Bearer ${options.token}`;
        if (!ok) fail(401, 'Bad credentials');
      }
      let forced: void | FakeResponse = undefined;
      for (const h of [...hooks]) {
        if (h.remaining <= 0) continue;
        if (h.method !== undefined && h.method !== rec.method) continue;
        if (!matches(h.path, rec.path)) continue;
        h.remaining -= 1;
        forced = await h.run(rec);
        if (forced) break;
      }
      out = forced ?? route(rec);
    } catch (e) {
      if (e instanceof HttpFail) out = { status: e.status, body: e.body };
      else out = { status: 500, body: { message: `fakeGitHub crashed: ${(e as Error).message}` } };
    }
    rec.status = out.status;
    const text = out.body === undefined ? '' : JSON.stringify(out.body);
    res.writeHead(out.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-github-request-id': `FAKE:${requests.length}`,
    });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const state: FakeGitHub = {
    baseUrl,
    port,
    owner,
    repo,
    fullName,
    defaultBranch,
    requests,
    pulls,
    permissions: { contents: 'write', pullRequests: 'write' },
    setFile: (branch, path, content, message = `Update ${path}`) => writeFile(branch, path, Buffer.from(content, 'utf8'), message),
    getFile(branch, path) {
      const head = refs.get(branch);
      const sha = head ? commits.get(head)!.tree.get(path) : undefined;
      return sha ? blobs.get(sha)!.toString('utf8') : undefined;
    },
    blobSha(branch, path) {
      const head = refs.get(branch);
      return head ? commits.get(head)!.tree.get(path) : undefined;
    },
    createBranch(name, from = defaultBranch) {
      const sha = refs.get(from);
      if (!sha) throw new Error(`fakeGitHub: no branch ${from}`);
      refs.set(name, sha);
      return sha;
    },
    branchSha: (name) => refs.get(name),
    commit: (sha) => commits.get(sha),
    history(branch) {
      const out: FakeCommit[] = [];
      let sha = refs.get(branch);
      while (sha) {
        const c = commits.get(sha)!;
        out.push(c);
        sha = c.parents[0];
      }
      return out;
    },
    requestsFor: (method, path) => requests.filter((r) => (method === undefined || r.method === method) && matches(path, r.path)),
    on(method, path, fn, times = 1) {
      hooks.push({ method, path, remaining: times, run: fn });
    },
    beforeNext(method, path, fn, times = 1) {
      hooks.push({
        method,
        path,
        remaining: times,
        run: (r) => {
          fn(r);
        },
      });
    },
    failNext(method, path, status, message, times = 1) {
      hooks.push({
        method,
        path,
        remaining: times,
        run: () => ({ status, body: { message, documentation_url: DOCS, status: String(status) } }),
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
  return state;
}
