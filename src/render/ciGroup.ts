/**
 * What is wrong with the CI's shard variables (core/ciGroup.ts CiProblem, SplitsConflict) in an
 * edge's words: the CLI's (`--group auto`, `--splits`) or the Action's (`group: auto`, `splits`).
 */
import type { OptionWords } from '../app/words.js';
import { isExplicit, type CiProblem, type CiRole, type CiSource, type SplitsConflict } from '../core/ciGroup.js';

/** ` (GitLab)` after a CI's variable; nothing for the explicit pair. */
function where(source: CiSource): string {
  return isExplicit(source) ? '' : ` (${source.name})`;
}

function holds(role: CiRole): string {
  return role.kind === 'total' ? 'the number of parallel jobs' : `this job's ${role.base}-based index among ${role.totalVar}=${role.total}`;
}

/** `A, B or C`. */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

export function describeCiProblem(p: CiProblem, words: OptionWords): string {
  const head = `${words.setting('group', 'auto')}: `;
  switch (p.code) {
    case 'several-cis':
      return `${head}variables of several CIs are set (${p.sources.join(', ')}); set ${p.explicit.indexVar} and ${p.explicit.totalVar} to say which shard this is`;
    case 'github-needs-pair':
      return `${head}GitHub Actions has no matrix index variable; set ${p.explicit.indexVar}: \${{ matrix.group }} and ${p.explicit.totalVar}: \${{ matrix.splits }} in the step's env`;
    case 'no-ci':
      return `${head}no CI shard variables found; set ${p.explicit.indexVar} and ${p.explicit.totalVar}, or run in a parallel ${either(p.sources.map((s) => `${s.name} (${s.indexVar})`))} job`;
    case 'unset':
      return `${head}${p.variable}${where(p.source)} is not set; it must hold ${holds(p.role)}${p.source.hint ? ` (${p.source.hint})` : ''}`;
    case 'out-of-range':
      return `${head}${p.variable}${where(p.source)} must be an integer from ${p.min} to ${p.max} (${holds(p.role)}), got ${JSON.stringify(p.raw)}`;
  }
}

export function describeSplitsConflict(c: SplitsConflict, words: OptionWords): string {
  const splits = words.option('splits');
  return `${words.setting('splits', String(c.splits))} disagrees with ${c.ci.source.totalVar}=${c.ci.splits}${where(c.ci.source)}: drop ${splits} or make the two match`;
}
