/**
 * The part of `@actions/core` the Action uses, as an interface, so tests can pass a typed fake and
 * check inputs, outputs, annotations and failures without a subprocess.
 */
import * as actionsCore from '@actions/core';

export interface Annotation {
  title?: string;
  /** Workspace-relative path the annotation points at. */
  file?: string;
}

export interface CoreLike {
  /** The input's value, trimmed; '' when it is not set. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  warning(message: string, annotation?: Annotation): void;
  info(message: string): void;
  /** Appends markdown to the job summary (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>;
}

/** Where the Action runs: the workspace every written path must stay inside, and the runner's temp dir. */
export interface ActionEnv {
  workspace: string;
  runnerTemp?: string;
  /** GITHUB_STEP_SUMMARY is set (a job summary can be written). */
  hasSummary: boolean;
}

export const realCore: CoreLike = {
  getInput: (name) => actionsCore.getInput(name),
  setOutput: (name, value) => actionsCore.setOutput(name, value),
  setFailed: (message) => actionsCore.setFailed(message),
  warning: (message, annotation) => actionsCore.warning(message, annotation ?? {}),
  info: (message) => actionsCore.info(message),
  appendSummary: async (markdown) => {
    await actionsCore.summary.addRaw(markdown, true).write();
  },
};

export function envFromProcess(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ActionEnv {
  const runnerTemp = env['RUNNER_TEMP'];
  return {
    workspace: env['GITHUB_WORKSPACE'] || cwd,
    ...(runnerTemp ? { runnerTemp } : {}),
    hasSummary: Boolean(env['GITHUB_STEP_SUMMARY']),
  };
}
