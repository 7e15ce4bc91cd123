import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERRMSG_TEXT } from '../src/protocol/errcodes.js';
import { WECOM_ENDPOINTS } from '../src/protocol/wecom-endpoints.js';

/** The README's tables and the OpenAPI source (WECOM_ENDPOINTS) name the same endpoints and errcodes. */
describe("README's endpoint and errcode tables", () => {
  it('list every WeCom endpoint livestat serves, and every errcode an endpoint may answer', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const section = (heading: string) => {
      const start = readme.indexOf(heading);
      expect(start, heading).toBeGreaterThan(-1);
      return readme.slice(start, readme.indexOf('\n#', start + heading.length));
    };
    const endpoints = section('### Endpoints');
    const errcodes = section('### Errcodes livestat answers');
    for (const e of WECOM_ENDPOINTS) {
      // `/modify, /cancel` style rows name later paths by their last segment.
      const last = e.path.slice(e.path.lastIndexOf('/'));
      expect(endpoints.includes(e.path) || endpoints.includes(`\`${last}\``) || endpoints.includes(`, \`${last}`), e.path).toBe(true);
      for (const code of e.errcodes) {
        expect(Object.keys(ERRMSG_TEXT)).toContain(String(code));
        expect(errcodes, `${e.api} ${code}`).toMatch(new RegExp(`\\|[^\\n]*\\b${code}\\b[^\\n]*\\|`));
      }
    }
  });
});
