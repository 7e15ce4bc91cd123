// Shared by src/cli/pull*.test.ts: captured streams and a pull against the fake WeCom.
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FakeWeCom } from './client/fake-wecom.js';
import { runPull, type PullIo } from '../../src/cli/pull.js';
import type { PullOptions } from '../../src/cli/pull-options.js';

/** A Writable that keeps what it is given; `isTTY` makes it look like a terminal. */
export class CapturedStream extends Writable {
  text = '';
  isTTY: boolean;

  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

export interface PullRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function makeIo(options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): PullIo & { stdout: CapturedStream; stderr: CapturedStream } {
  return { stdout: new CapturedStream(), stderr: new CapturedStream(options.tty ?? false), env: options.env ?? {} };
}

/** Runs a pull against the fake with its credentials and a private token dir. */
export async function pullFrom(fake: FakeWeCom, dir: string, opts: PullOptions = {}, tty = false): Promise<PullRun> {
  const io = makeIo({ tty });
  const code = await runPull(
    { livingid: fake.livingid, corpid: fake.corpid, secret: fake.corpsecret, baseUrl: fake.baseUrl, tokenDir: join(dir, 'tokens'), ...opts },
    io,
  );
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}
