/**
 * A local Excel on the wire: an HTTP endpoint on 127.0.0.1 that answers the RichApi protocol
 * Microsoft's Excel JavaScript library (`@microsoft/office-js/dist/excel-web-16.00.js`) speaks when
 * it is given `new Excel.RequestContext('http://127.0.0.1:PORT/x/')`: every `context.sync()` is one
 * `POST …/x/ProcessQuery?flags=N` whose JSON body holds `Actions` and `ObjectPaths`.
 *
 * The workbook behind it is the in-memory model of fakeExcel.ts (cells, formats, merges, names,
 * settings, protection). Each request is carried out on that model in the order the library sent
 * the actions, through the model's object layer, so the rules Excel enforces there (ItemNotFound,
 * AccessDenied on protection, getSpecialCells on a sheet without constants, merged cells keeping only
 * the top-left value, 512 merged areas per call …) are the same ones the node tests have always seen.
 *
 * What the library sends and accepts, as read in excel-web-16.00.debug.js (version 1.1.110):
 *   - ObjectPathType 1 global, 3 method, 4 property, 5 indexer, 6 reference id (an object created by
 *     a method on a collection, `worksheets.add`, is re-addressed by the library as indexer [Id] once
 *     the Instantiate action's result carries `Id`; an object sent with `_KeepReference` is
 *     re-addressed by the `_ReferenceId` of that result: ObjectPath.updateUsingObjectData);
 *   - ActionType 1 instantiate, 2 query (`QueryInfo.Select`, collection queries without `items/`),
 *     3 method (`_KeepReference` among them), 4 set property (PascalCase `Name`);
 *   - replies `{ Results: [{ ActionId, Value }] }`, PascalCase properties, collections `{ _Items }`;
 *     a null object is `Value: null` (RetrieveResultImpl / ClientObject._handleResult: `_isNull`);
 *   - errors as `{ Error: { Code, Message, Location, HttpStatusCode } }` in a 200 reply:
 *     ClientRequestContext.processRequestExecutorResponseMessage turns `response.Body.Error` into the
 *     OfficeExtension.Error the add-in catches (code, message, debugInfo.errorLocation).
 *
 * Limits as Microsoft documents them for Excel on the web ("Resource limits and performance
 * optimization for Office Add-ins"): 5 MB per request and per response, refused with
 * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded — or, in `payloadErrors:
 * 'general'` mode, with a bare GeneralException as Excel on the web has been seen to answer. A request
 * past the limit is refused before anything runs; an answer past it after the request ran (what it
 * wrote stays written: whether Excel undoes it is not documented, so the adapter must not rely on it).
 *
 * Anything the model cannot carry out (a property, method or object path it does not know) is
 * answered with ApiNotFound and recorded in `unknown`, so a test can fail on it: never a silent gap.
 */
import { createServer } from 'http';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { WorkbookInput } from '../../src/core/workbook';
import type { FakeExcelOptions, FakeWorkbookJson } from './fakeExcel';
import { FakeContext, FakeHost, FakeRichApiError, FakeWorkbook } from './fakeExcel';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

export interface EndpointOptions {
  /** How a payload past the limit is refused: Excel's own codes, or a bare GeneralException. */
  readonly payloadErrors?: 'codes' | 'general';
  readonly payloadLimit?: number;
  /** Cut RangeAreas.address after this many characters (see FakeExcelOptions.areasAddressLimit). */
  readonly areasAddressLimit?: number;
  /** Settings stored with the workbook before the first request. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface EndpointRequest {
  /**
   * True for the request Excel.run sends, without waiting for it, after the batch to release the
   * objects it kept (only _RemoveReference calls): not a round trip of the add-in's.
   */
  readonly cleanup: boolean;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly actions: number;
  /** Query actions (ActionType 2, a load) among them: none in a request that only writes. */
  readonly queries: number;
  /** The error code of the reply, when it was an error. */
  readonly error: string | null;
}

export interface ExcelEndpoint {
  /** Base URL for `new Excel.RequestContext(url)`. */
  readonly url: string;
  readonly origin: string;
  readonly workbook: FakeWorkbook;
  /** One record per ProcessQuery request (one per context.sync()). */
  readonly requests: EndpointRequest[];
  /** Object paths, properties and methods the model did not know. */
  readonly unknown: string[];
  /** Changes how payload errors are answered from the next request on. */
  setPayloadErrors(mode: 'codes' | 'general'): void;
  snapshot(): FakeWorkbookJson;
  close(): Promise<void>;
}

interface PathInfo {
  readonly Id: number;
  readonly ObjectPathType: number;
  readonly Name?: string;
  readonly ParentObjectPathId?: number;
  readonly ArgumentInfo?: { readonly Arguments?: unknown[]; readonly ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  readonly Id: number;
  readonly ActionType: number;
  readonly Name?: string;
  readonly ObjectPathId: number;
  readonly ArgumentInfo?: { readonly Arguments?: unknown[]; readonly ReferencedObjectPathIds?: number[] };
  readonly QueryInfo?: { readonly Select?: string[] | null };
}

interface RequestBody {
  readonly Actions?: ActionInfo[];
  readonly ObjectPaths?: Record<string, PathInfo>;
}

type Obj = Record<string, unknown>;

/** Actions in a request, and the queries (loads) among them. */
interface Counts {
  readonly actions: number;
  readonly queries: number;
}

/** An answer the endpoint gives instead of carrying out the request. */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location = '',
  ) {
    super(message);
  }
}

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

function hasMember(obj: object, name: string): boolean {
  return name in obj;
}

function setterOf(obj: object, name: string): boolean {
  for (let p: object | null = obj; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return typeof d.set === 'function';
  }
  return false;
}

/** Null-capable model objects resolve to null when absent (worksheet, range, areas, name, setting). */
function isNull(obj: Obj): boolean {
  const resolve = obj['resolve'];
  return typeof resolve === 'function' && (resolve as () => unknown).call(obj) === null;
}

/** One request carried out on the model: paths resolved in action order, answers collected after. */
class Exchange {
  private readonly objects = new Map<number, Obj>();
  private readonly answers: { id: number; value: () => unknown }[] = [];
  /** Paths the library asked to keep (_KeepReference): their Instantiate answer carries a _ReferenceId. */
  private readonly kept = new Set<number>();

  constructor(
    private readonly ctx: FakeContext,
    private readonly body: RequestBody,
    private readonly unknown: string[],
    private readonly references: Map<string, Obj>,
  ) {}

  private gap(what: string): never {
    this.unknown.push(what);
    throw new Refusal('ApiNotFound', `The endpoint does not implement ${what}.`, what);
  }

  private args(info: PathInfo['ArgumentInfo']): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    (info?.ReferencedObjectPathIds ?? []).forEach((ref, i) => {
      if (ref) args[i] = this.object(ref);
    });
    return args;
  }

  object(id: number): Obj {
    const known = this.objects.get(id);
    if (known) return known;
    const info = this.body.ObjectPaths?.[String(id)];
    if (!info) return this.gap(`object path ${id}`);
    let made: unknown;
    const parent = (): Obj => {
      if (info.ParentObjectPathId === undefined) return this.gap(`path ${info.Name ?? ''} without parent`);
      return this.object(info.ParentObjectPathId);
    };
    switch (info.ObjectPathType) {
      case 1:
        made = this.ctx.workbook;
        break;
      case 4: {
        const p = parent();
        const name = camel(info.Name ?? '');
        if (!hasMember(p, name)) this.gap(`${kindOf(p)}.${name}`);
        made = p[name];
        break;
      }
      case 3: {
        const p = parent();
        const name = camel(info.Name ?? '');
        if (typeof p[name] !== 'function') this.gap(`${kindOf(p)}.${name}()`);
        made = (p[name] as (...a: unknown[]) => unknown).apply(p, this.args(info.ArgumentInfo));
        break;
      }
      case 5: {
        const p = parent();
        if (typeof p['getItem'] !== 'function') this.gap(`${kindOf(p)}[indexer]`);
        const [key] = this.args(info.ArgumentInfo);
        made = (p['getItem'] as (k: unknown) => unknown).call(p, this.sheetNameForId(p, key));
        break;
      }
      case 6:
        // An object kept from an earlier request (ObjectPath.updateUsingObjectData: _ReferenceId).
        made = this.references.get(info.Name ?? '') ?? this.gap(`reference ${info.Name ?? ''}`);
        break;
      default:
        this.gap(`ObjectPathType ${info.ObjectPathType}`);
    }
    if (typeof made !== 'object' || made === null) this.gap(`${info.Name ?? ''} (not an object)`);
    this.objects.set(id, made as Obj);
    return made as Obj;
  }

  /** worksheets[Id]: the library addresses an added sheet by the Id its Instantiate answer gave. */
  private sheetNameForId(collection: Obj, key: unknown): unknown {
    if (kindOf(collection) !== 'WorksheetCollection' || typeof key !== 'string') return key;
    return this.ctx.model.sheetById(key)?.name ?? key;
  }

  /** Queues every action on the model's context, in order; answers are read after the sync. */
  queue(): void {
    for (const action of this.body.Actions ?? []) {
      const target = (): Obj => this.object(action.ObjectPathId);
      switch (action.ActionType) {
        case 1: {
          // Resolved now (in order), answered after the sync: null, or the object's Id for a sheet.
          const obj = target();
          const path = action.ObjectPathId;
          let value: Obj | null = {};
          this.ctx.enqueue('Instantiate', kindOf(obj), 0, () => {
            if (isNull(obj)) value = null;
            else if (kindOf(obj) === 'Worksheet') value = { Id: (obj['sheet'] as () => { id: string })().id };
          });
          this.answers.push({
            id: action.Id,
            value: () => {
              // As Excel does in Excel.run (AutoKeepReference): a kept object gets an id that
              // later requests use, so a range outlives the sync it was made in.
              if (value === null || !this.kept.has(path)) return value;
              const ref = `R${this.references.size + 1}`;
              this.references.set(ref, obj);
              return { ...value, _ReferenceId: ref };
            },
          });
          break;
        }
        case 2: {
          const obj = target();
          const select = action.QueryInfo?.Select ?? [];
          const collection = hasMember(obj, 'items');
          (obj['load'] as (s: string[]) => void).call(
            obj,
            collection ? select.map((p) => `items/${p}`) : select,
          );
          this.answers.push({ id: action.Id, value: () => this.serialize(obj, select) });
          break;
        }
        case 3: {
          const obj = target();
          if (action.Name === '_KeepReference') {
            this.kept.add(action.ObjectPathId);
            break;
          }
          if (action.Name === '_RemoveReference' && kindOf(obj) === 'Workbook') {
            // Sent by Excel.run after the batch for every object it kept (TrackedObjects cleanup).
            this.references.delete(String(this.args(action.ArgumentInfo)[0]));
            break;
          }
          const name = camel(action.Name ?? '');
          if (typeof obj[name] !== 'function') this.gap(`${kindOf(obj)}.${name}()`);
          const result = (obj[name] as (...a: unknown[]) => unknown).apply(
            obj,
            this.args(action.ArgumentInfo),
          );
          if (result === undefined || typeof result !== 'object')
            this.answers.push({ id: action.Id, value: () => result ?? null });
          break;
        }
        case 4: {
          const obj = target();
          const name = camel(action.Name ?? '');
          if (!setterOf(obj, name)) this.gap(`${kindOf(obj)}.${name} =`);
          obj[name] = this.args(action.ArgumentInfo)[0];
          break;
        }
        default:
          this.gap(`ActionType ${action.ActionType}`);
      }
    }
  }

  results(): { ActionId: number; Value: unknown }[] {
    return this.answers.map((a) => ({ ActionId: a.id, Value: a.value() }));
  }

  private serialize(obj: Obj, select: readonly string[]): unknown {
    if (hasMember(obj, 'isNullObject') && readLoaded(obj, 'isNullObject') === true) return null;
    if (hasMember(obj, 'items')) {
      const items = readLoaded(obj, 'items') as Obj[];
      return { _Items: items.map((item) => this.serialize(item, select)) };
    }
    const props = select.length > 0 ? select : Object.keys((obj['toJSON'] as () => Obj).call(obj));
    const out: Obj = {};
    const nested = new Map<string, string[]>();
    for (const p of props) {
      const i = p.indexOf('/');
      if (i >= 0) {
        nested.set(p.slice(0, i), [...(nested.get(p.slice(0, i)) ?? []), p.slice(i + 1)]);
        continue;
      }
      if (p === 'isNullObject') continue;
      if (!hasMember(obj, p)) this.gap(`${kindOf(obj)}.${p}`);
      const value = readLoaded(obj, p);
      if (value === undefined) this.gap(`${kindOf(obj)}.${p} (not loaded by the model)`);
      out[pascal(p)] = value;
    }
    for (const [head, rest] of nested) {
      if (!hasMember(obj, head)) this.gap(`${kindOf(obj)}.${head}`);
      out[pascal(head)] = this.serialize(obj[head] as Obj, rest);
    }
    return out;
  }
}

function kindOf(obj: Obj): string {
  return String(obj['kind'] ?? obj.constructor.name);
}

/** A loaded property, or undefined when the model did not load it (PropertyNotLoaded). */
function readLoaded(obj: Obj, name: string): unknown {
  try {
    return obj[name];
  } catch (e) {
    if (e instanceof FakeRichApiError && e.code === 'PropertyNotLoaded') return undefined;
    throw e;
  }
}

function isCleanup(text: string): boolean {
  try {
    const actions = (JSON.parse(text) as RequestBody).Actions ?? [];
    const calls = actions.filter((a) => a.ActionType !== 1);
    return calls.length > 0 && calls.every((a) => a.Name === '_RemoveReference');
  } catch {
    return false;
  }
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const BLANK_PAGE =
  '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Excel</title></head><body></body></html>';

/** Starts the endpoint on an ephemeral 127.0.0.1 port. */
export async function startExcelEndpoint(
  input: WorkbookInput | FakeWorkbook,
  options: EndpointOptions = {},
): Promise<ExcelEndpoint> {
  const workbook = input instanceof FakeWorkbook ? input : FakeWorkbook.fromInput(input);
  for (const [k, v] of Object.entries(options.settings ?? {})) workbook.settings.set(k, v);
  const fakeOptions: FakeExcelOptions = {
    // The limits are enforced here, on the real bytes, not by the model's estimate.
    payloadLimit: Infinity,
    ...(options.areasAddressLimit !== undefined ? { areasAddressLimit: options.areasAddressLimit } : {}),
  };
  const ctx = new FakeContext(new FakeHost(workbook, fakeOptions));
  const limit = options.payloadLimit ?? PAYLOAD_LIMIT;
  let payloadErrors = options.payloadErrors ?? 'codes';
  const requests: EndpointRequest[] = [];
  const unknown: string[] = [];
  const references = new Map<string, Obj>();
  // One request at a time, as a workbook session does.
  let line: Promise<void> = Promise.resolve();

  const payloadError = (code: string, message: string): Refusal =>
    payloadErrors === 'general'
      ? new Refusal('GeneralException', 'There was an internal error while processing the request.')
      : new Refusal(code, message);

  async function processQuery(text: string): Promise<{ body: string; error: string | null } & Counts> {
    let parsed: RequestBody;
    try {
      parsed = JSON.parse(text) as RequestBody;
    } catch {
      return errorReply(new Refusal('InvalidArgument', 'The request is not JSON.'), {
        actions: 0,
        queries: 0,
      });
    }
    const actions = parsed.Actions?.length ?? 0;
    const counts = { actions, queries: parsed.Actions?.filter((a) => a.ActionType === 2).length ?? 0 };
    if (utf8Bytes(text) > limit) {
      return errorReply(
        payloadError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.'),
        counts,
      );
    }
    const exchange = new Exchange(ctx, parsed, unknown, references);
    try {
      exchange.queue();
      await ctx.sync();
      const body = JSON.stringify({ Results: exchange.results() });
      if (utf8Bytes(body) > limit) {
        return errorReply(
          payloadError(
            'ResponsePayloadSizeLimitExceeded',
            'The response payload size has exceeded the limit.',
          ),
          counts,
        );
      }
      return { body, error: null, ...counts };
    } catch (e) {
      // A request refused while it was being read leaves actions queued: they must not run later.
      ctx.discard();
      if (e instanceof Refusal) return errorReply(e, counts);
      if (e instanceof FakeRichApiError) {
        return errorReply(new Refusal(e.code, e.message, e.debugInfo.errorLocation), counts);
      }
      return errorReply(new Refusal('GeneralException', String(e)), counts);
    }
  }

  function errorReply(e: Refusal, counts: Counts): { body: string; error: string } & Counts {
    const Error = { Code: e.code, Message: e.message, Location: e.location, HttpStatusCode: 400 };
    return { body: JSON.stringify({ Error }), error: e.code, ...counts };
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Pages served from another localhost origin (the built add-in) may call in too.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(BLANK_PAGE);
      return;
    }
    if (req.method !== 'POST' || !path.endsWith('/ProcessQuery')) {
      res.writeHead(404).end();
      return;
    }
    const text = await readBody(req);
    let reply!: { body: string; error: string | null } & Counts;
    const turn = line.then(async () => {
      reply = await processQuery(text);
    });
    line = turn.catch(() => undefined);
    await turn;
    requests.push({
      cleanup: isCleanup(text),
      requestBytes: utf8Bytes(text),
      responseBytes: utf8Bytes(reply.body),
      actions: reply.actions,
      queries: reply.queries,
      error: reply.error,
    });
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(reply.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/x/`,
    origin,
    workbook,
    requests,
    unknown,
    setPayloadErrors(mode) {
      payloadErrors = mode;
    },
    snapshot: () => workbook.toJSON(),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
