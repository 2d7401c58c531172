// Problems that need a human decision (a missing name, a stale overlay target, ...). The pipeline
// collects every one of them and reports them together, each with where it was found and the file
// to edit, instead of stopping at the first: a maintainer fixes them all in one round.

/**
 * @typedef {{ what: string, where: string, file: string, subject?: string }} Problem
 *   what: the problem and what to do, where: the page, overlay action or place it was found,
 *   file: the file to edit, subject: what it is about (a second problem about it adds nothing).
 */

/** `where: what`, the one-line form (also the message of a thrown problem). @param {Problem} problem */
export const problemLine = (problem) => `${problem.where}: ${problem.what}`;

/** One problem, thrown by a step that is used on its own (no collector given), as in the steps' tests. */
export class ProblemError extends Error {
  /** @param {Problem} problem */
  constructor(problem) {
    super(problemLine(problem));
    this.problem = problem;
  }
}

/** Every problem of a run, thrown once at its end so that no caller can use a document that has them. */
export class ProblemsError extends Error {
  /** @param {Problem[]} problems @param {Record<string, unknown>} [facts] what the run found besides */
  constructor(problems, facts = {}) {
    super(renderProblems(problems));
    this.problems = problems;
    this.facts = facts;
  }
}

/** The collector the pipeline passes to its steps. */
export class Problems {
  constructor() {
    /** @type {Problem[]} */
    this.list = [];
  }

  /** @param {Problem} problem */
  add(problem) {
    if (problem.subject && this.list.some((known) => known.subject === problem.subject)) return;
    this.list.push(problem);
  }
}

/** The default for a step used on its own: the first problem is thrown. */
export const throwFirst = {
  /** @param {Problem} problem */
  add(problem) {
    throw new ProblemError(problem);
  },
};

/** The one message: every problem, grouped by the file to edit. @param {Problem[]} problems */
export function renderProblems(problems) {
  const byFile = new Map();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const lines = [`${problems.length} ${problems.length === 1 ? 'problem needs' : 'problems need'} a decision:`];
  for (const [file, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push('', `edit ${file}:`);
    for (const problem of list) lines.push(`  - ${problemLine(problem)}`);
  }
  return lines.join('\n');
}
