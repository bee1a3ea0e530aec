// Runs `npm ci` only when node_modules is missing or package-lock.json changed since the last install, so that the
// gateway's Maven build stays fast on a warm machine. The lock file's hash is kept in node_modules/.lock-sha256.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';

const lock = readFileSync('package-lock.json');
const hash = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.lock-sha256';

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('webui: node_modules matches package-lock.json; npm ci skipped');
} else {
  console.log('webui: npm ci (node_modules missing or package-lock.json changed)');
  execSync('npm ci --no-audit --no-fund --prefer-offline', { stdio: 'inherit' });
  writeFileSync(stamp, hash);
}
