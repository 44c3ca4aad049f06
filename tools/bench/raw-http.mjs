// A lean HTTP/1.1 client for load generators: keep-alive sockets, one request
// at a time per socket (no pipelining, as a browser), requests written as
// ready-made buffers, responses read only as far as status, the headers asked
// for and the body's end. It exists because the load generator shares the
// services' two cores: node:http's client costs about as much CPU per request
// as a service's whole handling of a small one, and every millisecond it takes
// is one the services under test do not get. Answers with a chunked body or
// without a length are read to the end of the chunked stream; anything it
// cannot frame rejects (never a guessed status).
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const CRLF2 = Buffer.from('\r\n\r\n');
const LAST_CHUNK = Buffer.from('0\r\n\r\n');
// A connection idle longer than this is not reused: the server may be closing it (its
// keep-alive timeout is 5 s or more), and a request written as it closes would be lost.
const IDLE_REUSE_MS = 2_000;

/** The bytes of one request (Host: 127.0.0.1); headers as an object, body a string or undefined. */
export function rawRequest(method, path, headers, body) {
  let head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  if (body !== undefined) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return Buffer.from(`${head}\r\n${body ?? ''}`);
}

class Connection {
  constructor(pool) {
    this.pool = pool;
    this.pending = null;
    this.buf = null;
    this.socket = connect({ host: '127.0.0.1', port: pool.port, noDelay: true });
    this.socket.on('data', (chunk) => this.data(chunk));
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
  }

  send(bytes, pending) {
    this.pending = pending;
    this.buf = null;
    this.socket.write(bytes);
  }

  data(chunk) {
    this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
    const p = this.pending;
    if (!p) return this.fail(new Error('data with no request in flight'));
    const end = this.buf.indexOf(CRLF2);
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const headers = {};
    let length = -1;
    let chunked = false;
    let close = false;
    for (const line of head.split('\r\n').slice(1)) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).toLowerCase();
      const value = line.slice(i + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = /chunked/i.test(value);
      else if (name === 'connection') close = /close/i.test(value);
      if (this.pool.keep.has(name)) headers[name] = value;
    }
    const bodyStart = end + 4;
    let complete;
    if (length >= 0) complete = this.buf.length >= bodyStart + length;
    // The last chunk ("0" CRLF CRLF, no trailers) ends the body; it follows the CRLF
    // closing the chunk before it, or starts the body when there is no data.
    else if (chunked) {
      const tail = this.buf.length - LAST_CHUNK.length;
      complete =
        tail >= bodyStart &&
        this.buf.subarray(tail).equals(LAST_CHUNK) &&
        (tail === bodyStart || this.buf.toString('latin1', tail - 2, tail) === '\r\n');
    } else return this.fail(new Error(`answer ${status} has no length: cannot tell where it ends`));
    if (!complete) return;
    if (!(status >= 100 && status < 600)) return this.fail(new Error(`bad status line: ${head}`));
    this.pending = null;
    this.buf = null;
    this.lastUsed = performance.now();
    if (close) this.drop();
    else this.pool.release(this);
    p.resolve({ status, headers });
  }

  fail(error) {
    const p = this.pending;
    this.pending = null;
    this.drop();
    if (p) p.reject(error);
  }

  drop() {
    if (this.dropped) return;
    this.dropped = true;
    this.socket.destroy();
    this.pool.forget(this);
  }
}

/**
 * Up to `maxSockets` keep-alive connections to 127.0.0.1:`port`; requests
 * beyond wait for one, first come first served. `keep`: the response headers
 * to return (lower case).
 */
export class RawHttpPool {
  constructor(port, { maxSockets = 128, keep = [] } = {}) {
    this.port = port;
    this.maxSockets = maxSockets;
    this.keep = new Set(keep);
    this.idle = [];
    this.queue = [];
    this.open = 0;
  }

  /** Sends ready-made request bytes; resolves { status, headers } once the whole answer is in. */
  request(bytes) {
    return new Promise((resolve, reject) => {
      const pending = { bytes, resolve, reject };
      let c = this.idle.pop();
      while (c && performance.now() - c.lastUsed > IDLE_REUSE_MS) {
        c.drop();
        c = this.idle.pop();
      }
      if (c) c.send(bytes, pending);
      else if (this.open < this.maxSockets) {
        this.open++;
        new Connection(this).send(bytes, pending);
      } else this.queue.push(pending);
    });
  }

  release(c) {
    const next = this.queue.shift();
    if (next) c.send(next.bytes, next);
    else this.idle.push(c);
  }

  forget(c) {
    this.open--;
    const i = this.idle.indexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
    const next = this.queue.shift();
    if (next) {
      this.open++;
      new Connection(this).send(next.bytes, next);
    }
  }

  close() {
    for (const c of this.idle.splice(0)) c.drop();
  }
}
