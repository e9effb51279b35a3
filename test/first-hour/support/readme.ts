import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/** One fenced code block of README.md, with the heading it sits under. */
export interface CodeBlock {
  language: string;
  code: string;
  line: number;
  heading: string;
}

/** A shell command of a README block (backslash continuations joined). */
export interface ShellCommand {
  text: string;
  line: number;
}

/** One GraphQL operation of a README block, with what its comments say about it. */
export interface ReadmeOperation {
  source: string;
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  line: number;
  /** `# as kim` / `# as sok on kh-cnp`: who sends it, and to which node (default kr-knpa). */
  as?: { user: string; node: string };
  /** `# $caseId = createCase.id`: where each variable comes from. */
  variables: Record<string, string>;
  /** `# again until it says DELIVERED`: repeat until the answer holds this word. */
  until?: string;
}

export function codeBlocks(readme: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = readme.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) {
      if (lines[i].startsWith('#')) heading = lines[i].replace(/^#+\s*/, '');
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    blocks.push({ language: fence[1], code: body.join('\n'), line: start + 1, heading });
  }
  return blocks;
}

export function shellCommands(block: CodeBlock): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = block.code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim() || lines[i].trim().startsWith('#')) continue;
    const line = block.line + 1 + i;
    let text = lines[i];
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text}\n${lines[++i]}`;
    commands.push({ text, line });
  }
  return commands;
}

/** A command without its trailing `# comment` (outside quotes: README comments follow two spaces). */
export function withoutComment(command: string): string {
  return command.replace(/\s{2,}#[^'"]*$/, '').trim();
}

/** Which line of `code` the character offset is on (0-based). */
function lineOf(code: string, offset: number): number {
  return code.slice(0, offset).split('\n').length - 1;
}

/**
 * The operations of a GraphQL block. Annotations are comment lines between the previous operation and
 * this one; `# as …` carries on to the following operations of the block until another says otherwise.
 */
export function readmeOperations(block: CodeBlock): ReadmeOperation[] {
  const document = parse(block.code);
  const lines = block.code.split('\n');
  const operations: ReadmeOperation[] = [];
  let as: ReadmeOperation['as'];
  let previousEnd = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) throw new Error(`README line ${block.line}: not an operation`);
    const operation = definition as OperationDefinitionNode;
    const start = lineOf(block.code, operation.loc!.start);
    const end = lineOf(block.code, operation.loc!.end);
    const comments = lines.slice(previousEnd, start).filter((l) => l.trim().startsWith('#'));
    const trailing = lines[end]; // a comment after the operation, on its last line
    previousEnd = end + 1;
    const variables: Record<string, string> = {};
    let until: string | undefined;
    for (const comment of comments) {
      const who = /^#\s*as\s+([a-z][\w-]*)(?:\s+on\s+([a-z][\w-]*))?/.exec(comment.trim());
      if (who) as = { user: who[1], node: who[2] ?? 'kr-knpa' };
      const variable = /^#\s*\$(\w+)\s*=\s*(\S+)/.exec(comment.trim());
      if (variable) variables[variable[1]] = variable[2];
    }
    const again = /again until it says (\w+)/.exec(trailing);
    if (again) until = again[1];
    const field = operation.selectionSet.selections[0];
    operations.push({
      source: block.code.slice(operation.loc!.start, operation.loc!.end),
      name: field.kind === Kind.FIELD ? field.name.value : '(fragment)',
      kind: operation.operation as ReadmeOperation['kind'],
      line: block.line + 1 + start,
      as,
      variables,
      until,
    });
  }
  return operations;
}

/**
 * Resolves a README variable path against the answers so far, newest first: `createCase.id`,
 * `requestShare[partnerId=kh-cnp].id`, `alerts[0].id`.
 */
export function resolvePath(path: string, answers: Record<string, unknown>[]): unknown {
  const steps = path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  for (const answer of [...answers].reverse()) {
    let value: unknown = answer;
    for (const step of steps) {
      if (value === undefined || value === null) break;
      if (step.startsWith('[')) {
        const inner = step.slice(1, -1);
        const match = /^(\w+)=(.*)$/.exec(inner);
        const list = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
        value = match ? list.find((item) => String(item[match[1]]) === match[2]) : list[Number(inner)];
      } else {
        value = (value as Record<string, unknown>)[step];
      }
    }
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}
