// The folders' boundaries (docs/architecture.md): which folder may import which, checked on the
// sources so a stray import fails the tests instead of a review. Sources are read as text, and each
// import is resolved to the folder it lands in; the rule function is also run over planted sources
// to show that it catches what it must.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The guarded folders; a file belongs to the longest one its path starts with. */
const FOLDERS = ['src', 'shared', 'shared/node', 'local-cognito', 'scripts', 'vite-plugins', 'bench'] as const;
type Folder = (typeof FOLDERS)[number];

interface FolderRule {
  /** Folders whose modules it may import (its own included). */
  folders: readonly Folder[];
  /** Packages (and Node built-ins) it may import; `types` ones only with `import type`. */
  packages: { values: RegExp | null; types: RegExp | null };
}

const NODE = /^node:/;
const SDK = /^@aws-sdk\/client-cognito-identity-provider$/;
const either = (...patterns: RegExp[]): RegExp => new RegExp(patterns.map((p) => p.source).join('|'));

/** The table of docs/architecture.md: who may import what. */
const ALLOWED: Record<Folder, FolderRule> = {
  // Browser code: the site's own modules and the shared facts; the Cognito library (auth/ only, below).
  src: {
    folders: ['src', 'shared'],
    packages: { values: /^(amazon-cognito-identity-js|lean-qr(\/.*)?)$/, types: SDK },
  },
  // Plain TypeScript every program imports: nothing but itself and the SDK's types.
  shared: { folders: ['shared'], packages: { values: null, types: SDK } },
  // Node-only helpers two Node programs need.
  'shared/node': { folders: ['shared', 'shared/node'], packages: { values: NODE, types: SDK } },
  // A plain Node library with a CLI: never the scripts, the site or Vite.
  'local-cognito': {
    folders: ['local-cognito', 'shared', 'shared/node'],
    packages: { values: either(NODE, SDK, /^jose$/, /^otpauth$/, /^@simplewebauthn\/server(\/.*)?$/), types: null },
  },
  // The AWS CLIs: never the local pool (they reach it over HTTP, as any client).
  scripts: { folders: ['scripts', 'shared', 'shared/node'], packages: { values: either(NODE, SDK), types: null } },
  // Build-time pieces: they mount the local pool.
  'vite-plugins': {
    folders: ['vite-plugins', 'local-cognito', 'shared', 'shared/node'],
    packages: { values: either(NODE, /^vite$/, /^rolldown$/), types: null },
  },
  // It measures every program.
  bench: { folders: [...FOLDERS], packages: { values: /./, types: null } },
};

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import and re-export in a source text, static or dynamic. */
function importsOf(file: string, text: string): Import[] {
  return [
    ...[...text.matchAll(STATIC)].map((m) => ({ file, spec: m[3] as string, typeOnly: Boolean(m[2]) })),
    ...[...text.matchAll(DYNAMIC)].map((m) => ({ file, spec: m[1] as string, typeOnly: false })),
  ];
}

/** The guarded folder a repository path lies in, or null. */
function folderOf(path: string): Folder | null {
  const matches = FOLDERS.filter((f) => path === f || path.startsWith(`${f}/`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}

const BUILTINS = new Set(builtinModules);

/** Why this import breaks its folder's row of the table, or null when it is allowed. */
function violation(imp: Import): string | null {
  const from = folderOf(imp.file);
  if (!from) return null;
  const rule = ALLOWED[from];
  if (imp.spec.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(imp.file), imp.spec));
    const to = folderOf(target);
    if (to && rule.folders.includes(to)) return null;
    return `${imp.file}: ${from}/ may not import ${to ? `${to}/` : target} ('${imp.spec}')`;
  }
  const spec = BUILTINS.has(imp.spec) ? `node:${imp.spec}` : imp.spec;
  const name = spec.startsWith('@')
    ? spec.split('/').slice(0, 2).join('/')
    : spec.startsWith('node:')
      ? spec
      : spec.split('/')[0]!;
  if (rule.packages.values?.test(name)) return null;
  if (imp.typeOnly && rule.packages.types?.test(name)) return null;
  return `${imp.file}: ${from}/ may not import ${imp.typeOnly ? 'types from ' : ''}'${imp.spec}'`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => posix.join(dir, f.split(sep).join('/')));
}

const TOP_FOLDERS = ['src', 'shared', 'local-cognito', 'scripts', 'vite-plugins', 'bench'];
const files = TOP_FOLDERS.flatMap(sourceFiles);
const texts = new Map(files.map((file) => [file, readFileSync(join(ROOT, file), 'utf8')]));
const imports: Import[] = files.flatMap((file) => importsOf(file, texts.get(file)!));
const srcImports = imports.filter((i) => i.file.startsWith('src/'));

describe('source boundaries', () => {
  it('finds the sources and their imports', () => {
    expect(files.filter((f) => f.startsWith('src/')).length).toBeGreaterThan(20);
    expect(srcImports.some((i) => i.spec === 'amazon-cognito-identity-js')).toBe(true);
    for (const folder of FOLDERS)
      expect(files.some((f) => folderOf(f) === folder) || folder === 'shared/node', folder).toBe(true);
  });

  it('guards every folder that holds program sources', () => {
    const tops = readdirSync(ROOT, { withFileTypes: true })
      .filter(
        (e) => e.isDirectory() && !['node_modules', 'dist', 'tests', 'docs', 'public', 'test-results'].includes(e.name),
      )
      .filter((e) => !e.name.startsWith('.'))
      .filter((e) =>
        readdirSync(join(ROOT, e.name), { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.ts')),
      )
      .map((e) => e.name);
    expect(tops.filter((t) => !TOP_FOLDERS.includes(t))).toEqual([]);
  });

  it('every folder imports only what its row of the table allows', () => {
    expect(imports.map(violation).filter((v) => v !== null)).toEqual([]);
  });

  it('browser code never imports the local pool, the scripts or Node built-ins', () => {
    const bad = srcImports.filter((i) =>
      /local-cognito|(^|\/)scripts\/|^node:|^(fs|path|http|crypto|os)$/.test(i.spec),
    );
    expect(bad).toEqual([]);
  });

  it('only src/auth/ imports amazon-cognito-identity-js', () => {
    const outside = srcImports.filter(
      (i) => i.spec.startsWith('amazon-cognito-identity-js') && !i.typeOnly && !i.file.startsWith('src/auth/'),
    );
    expect(outside).toEqual([]);
  });

  it('pages and ui reach auth only through types, errors, input checks and the password policy (no Cognito calls of their own)', () => {
    const allowed = /\/auth\/(errors|password-policy|validate)\.ts$/;
    const bad = srcImports.filter(
      (i) =>
        /^src\/(pages|ui)\//.test(i.file) && /(^|\/)auth(\/|$)/.test(i.spec) && !i.typeOnly && !allowed.test(i.spec),
    );
    expect(bad).toEqual([]);
  });

  it('src/auth has no DOM access', () => {
    const domUse = [...texts]
      .filter(([file]) => file.startsWith('src/auth/'))
      .filter(([, text]) => /\bdocument\.|\bwindow\.location|querySelector|getElementById/.test(text))
      .map(([file]) => file);
    expect(domUse).toEqual([]);
  });
});

describe('the boundary checker itself', () => {
  /** The violations the rule function finds in one planted source file. */
  const planted = (file: string, text: string): string[] =>
    importsOf(file, text)
      .map(violation)
      .filter((v): v is string => v !== null);

  it('catches a forbidden import in each folder', () => {
    const forbidden: [file: string, text: string][] = [
      ['local-cognito/x.ts', "import { checkRegion } from '../scripts/lib/args.ts';"],
      ['local-cognito/actions/x.ts', "import { config } from '../../src/config';"],
      ['local-cognito/x.ts', "import { loadEnv } from 'vite';"],
      ['scripts/lib/x.ts', "import { startLocalCognito } from '../../local-cognito/index.ts';"],
      ['src/pages/x.ts', "import { writeDurably } from '../../shared/node/durable-file.ts';"],
      ['src/x.ts', "import { readFile } from 'fs';"],
      ['shared/x.ts', "import { readFile } from 'node:fs/promises';"],
      ['shared/x.ts', "import { mountHome } from '../src/pages/home';"],
      ['shared/x.ts', "import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';"],
      ['shared/node/x.ts', "import { ensureDefaults } from '../../local-cognito/defaults.ts';"],
      ['vite-plugins/x.ts', "import { main } from '../scripts/lib/users-cli.ts';"],
      ['vite-plugins/x.ts', "import { mountHome } from '../src/pages/home.ts';"],
    ];
    for (const [file, text] of forbidden) expect(planted(file, text), `${file}: ${text}`).toHaveLength(1);
  });

  it('reads multi-line, re-exported and dynamic imports', () => {
    expect(planted('local-cognito/x.ts', "import {\n  a,\n  b,\n} from '../scripts/lib/args.ts';")).toHaveLength(1);
    expect(planted('local-cognito/x.ts', "export { a } from '../src/config';\nexport * from 'vite';")).toHaveLength(2);
    expect(planted('scripts/x.ts', "const pool = await import('../local-cognito/index.ts');")).toHaveLength(1);
  });

  it('lets through what the table allows', () => {
    expect(
      planted('shared/x.ts', "import type { UserType } from '@aws-sdk/client-cognito-identity-provider';"),
    ).toEqual([]);
    expect(
      planted(
        'shared/node/x.ts',
        "import { rename } from 'node:fs/promises';\nimport { LOCAL_POOL } from '../local-pool.ts';",
      ),
    ).toEqual([]);
    expect(planted('local-cognito/x.ts', "import { writeDurably } from '../shared/node/durable-file.ts';")).toEqual([]);
    expect(planted('vite-plugins/x.ts', "import { createLocalCognito } from '../local-cognito/index.ts';")).toEqual([]);
    expect(
      planted('bench/x.ts', "import { main } from '../scripts/lib/users-cli.ts';\nimport { build } from 'vite';"),
    ).toEqual([]);
  });
});
