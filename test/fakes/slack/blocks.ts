/** Every text of a Block Kit message (section, context and button texts), for assertions on what users see. */
export function textsOf(blocks: readonly unknown[]): string[] {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record['text'] === 'string') texts.push(record['text']);
    for (const value of Object.values(record)) if (typeof value === 'object') visit(value);
  };
  visit(blocks);
  return texts;
}

/** Every mrkdwn text object of a message, for checking `verbatim` and escaping. */
export function mrkdwnObjectsOf(blocks: readonly unknown[]): { text: string; verbatim?: unknown }[] {
  const found: { text: string; verbatim?: unknown }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'mrkdwn' && typeof record['text'] === 'string')
      found.push({ text: record['text'], verbatim: record['verbatim'] });
    for (const value of Object.values(record)) if (typeof value === 'object') visit(value);
  };
  visit(blocks);
  return found;
}

/** The `value`s of the message's buttons, by action id. */
export function buttonsOf(blocks: readonly unknown[]): Record<string, string> {
  const buttons: Record<string, string> = {};
  for (const block of blocks as { type?: string; elements?: { action_id?: string; value?: string }[] }[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) if (element.action_id !== undefined) buttons[element.action_id] = element.value ?? '';
  }
  return buttons;
}
