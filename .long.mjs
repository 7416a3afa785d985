import { ESLint } from 'eslint';
const eslint = new ESLint({ overrideConfig: { rules: { 'max-lines-per-function': ['error', { max: 100 }] } } });
const res = await eslint.lintFiles([process.argv[2] ?? 'src/http']);
const out = [];
for (const r of res) for (const m of r.messages) if (m.ruleId === 'max-lines-per-function') out.push(`${r.filePath.replace(process.cwd()+'/','')}:${m.line} ${m.message.replace(/Function|has too many lines|\. Maximum allowed is 100\./g,'')}`);
console.log(out.length); console.log(out.join('\n'));
