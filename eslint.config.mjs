// Lint with zero warnings. Module boundaries are enforced with real tags:
// an app depends only on libs; a service's scope imports its own scope and
// scope:shared only. One constraint per app is derived from apps/ so a
// generated service is covered without editing this file.
import nx from '@nx/eslint-plugin';
import { readdirSync } from 'node:fs';
import prettier from 'eslint-config-prettier';

const services = readdirSync(new URL('./apps', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: ['**/dist', '**/node_modules', '**/.data', 'libs/contracts/src/generated/**', 'tools/generators/service/files/**', 'helm/**', '**/*.mjs', '**/*.js'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...services.map((s) => ({
              sourceTag: `scope:${s}`,
              onlyDependOnLibsWithTags: ['scope:shared', `scope:${s}`],
            })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-empty-function': ['error', { allow: ['asyncMethods', 'methods'] }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Use a workspace alias (@palabre/...) instead of reaching across folders.' },
            { group: ['@palabre/app-*'], message: 'An app never imports another app: share code through a lib in libs/.' },
          ],
        },
      ],
    },
  },
  {
    // The site is one folder per domain (petitions/{public,mine,admin}, …) over
    // shared/: a page climbs two levels to reach shared/ or a parent domain's API
    // file, never out of the app's src/.
    files: ['apps/web/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../../*'], message: 'Use a workspace alias (@palabre/...) instead of reaching out of the site.' },
            { group: ['@palabre/app-*'], message: 'An app never imports another app: share code through a lib in libs/.' },
          ],
        },
      ],
    },
  },
  {
    // The shared layer (layout, HTML and form helpers, i18n, the gateway client) imports no domain.
    files: ['apps/web/src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*', '!../../shared', '!../../shared/**'],
              message: 'shared/ imports no domain: move what both need into shared/, or pass it in.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.contract.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
