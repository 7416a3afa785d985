import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './web-env.js';

// Issue 16, defect 7: `next="/\t/evil.example"` passed and browsers went to evil.example.
describe('safeReturnPath', () => {
  it.each([
    ['/\t/evil.example', 'a tab between the slashes (browsers drop it)'],
    ['/\n/evil.example', 'a line feed'],
    ['/\r/evil.example', 'a carriage return'],
    ['/\u0000/evil.example', 'a NUL'],
    ['/\u007f/evil.example', 'DEL'],
    ['/\u0085/evil.example', 'a C1 control (NEL)'],
    ['//evil.example', 'protocol-relative'],
    ['///evil.example', 'three slashes'],
    ['/\\evil.example', 'slash backslash'],
    ['\\\\evil.example', 'two backslashes'],
    ['/\\/evil.example', 'slash backslash slash'],
    ['/.//evil.example', 'a dot segment that normalises to //'],
    ['/./\\evil.example', 'dot then backslash'],
    ['/..//evil.example', 'dot-dot then //'],
    ['https://evil.example/', 'absolute URL'],
    ['http:/evil.example', 'scheme with one slash'],
    ['javascript:alert(1)', 'javascript: URL'],
    ['data:text/html,x', 'data: URL'],
    ['evil.example', 'relative, no leading slash'],
    [' /cabinet', 'a leading space'],
    ['', 'empty'],
    [`/${'a'.repeat(2001)}`, 'longer than 2000 characters'],
  ])('%j is refused (%s)', (value) => {
    expect(safeReturnPath(value, '/fallback')).toBe('/fallback');
  });

  it('undefined gives the fallback', () => {
    expect(safeReturnPath(undefined, '')).toBe('');
  });

  it.each([
    ['/cabinet', '/cabinet'],
    ['/cabinet/applications?status=open#top', '/cabinet/applications?status=open#top'],
    ['/apply/duplicates/draft-1/documents', '/apply/duplicates/draft-1/documents'],
    ['/a/../cabinet', '/cabinet'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/поиск', '/%D0%BF%D0%BE%D0%B8%D1%81%D0%BA'],
    ['/back-office?next=//x', '/back-office?next=//x'],
  ])('%j is kept as the same-origin path %j', (value, expected) => {
    expect(safeReturnPath(value, '/fallback')).toBe(expected);
  });
});
