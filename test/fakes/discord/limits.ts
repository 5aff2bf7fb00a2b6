/**
 * The stand-in's copy of Discord's validation: a message Discord would reject with 400 "Invalid Form
 * Body" is rejected here too, so a test that passes proves the reply would have been accepted.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * @see https://discord.com/developers/docs/components/reference
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const textLength = (value: unknown) => (typeof value === 'string' ? value.length : 0);

/** Every problem Discord would report for a message body (create, edit, or interaction callback data). */
export function messageProblems(body: Json): string[] {
  const problems: string[] = [];
  if (textLength(body['content']) > 2000) problems.push('content: Must be 2000 or fewer in length.');
  const embeds = Array.isArray(body['embeds']) ? body['embeds'] : [];
  if (embeds.length > 10) problems.push('embeds: Must be 10 or fewer in length.');
  let total = 0;
  embeds.filter(isObject).forEach((embed, i) => {
    total += embedProblems(embed, `embeds.${i}`, problems);
  });
  if (total > 6000) problems.push('embeds: Embed size exceeds maximum size of 6000');
  componentProblems(body['components'], problems);
  if (!isObject(body['allowed_mentions'])) problems.push('allowed_mentions: missing (the bot must always set it)');
  const hasSomething =
    textLength(body['content']) > 0 || embeds.length > 0 || (Array.isArray(body['components']) && body['components'].length > 0);
  if (!hasSomething && body['flags'] === undefined) problems.push('Cannot send an empty message');
  return problems;
}

function embedProblems(embed: Json, at: string, problems: string[]): number {
  const check = (name: string, value: unknown, max: number) => {
    if (textLength(value) > max) problems.push(`${at}.${name}: Must be ${max} or fewer in length.`);
    if (value === '') problems.push(`${at}.${name}: This field is required to be non-empty`);
    return textLength(value);
  };
  let size = check('title', embed['title'], 256) + check('description', embed['description'], 4096);
  const footer = isObject(embed['footer']) ? embed['footer'] : {};
  const author = isObject(embed['author']) ? embed['author'] : {};
  size += check('footer.text', footer['text'], 2048) + check('author.name', author['name'], 256);
  const fields = Array.isArray(embed['fields']) ? embed['fields'].filter(isObject) : [];
  if (fields.length > 25) problems.push(`${at}.fields: Must be 25 or fewer in length.`);
  fields.forEach((field, i) => {
    size += check(`fields.${i}.name`, field['name'], 256) + check(`fields.${i}.value`, field['value'], 1024);
  });
  return size;
}

function componentProblems(components: unknown, problems: string[]): void {
  const rows = Array.isArray(components) ? components.filter(isObject) : [];
  if (rows.length > 5) problems.push('components: Must be 5 or fewer in length.');
  rows.forEach((row, r) => {
    const children = Array.isArray(row['components']) ? row['components'].filter(isObject) : [];
    if (row['type'] !== 1) problems.push(`components.${r}.type: expected an action row (1)`);
    if (children.length === 0 || children.length > 5) problems.push(`components.${r}.components: Must be between 1 and 5 in length.`);
    children.forEach((button, b) => {
      const at = `components.${r}.components.${b}`;
      if (textLength(button['label']) > 80) problems.push(`${at}.label: Must be 80 or fewer in length.`);
      const id = button['custom_id'];
      if (typeof id !== 'string' || id.length === 0 || id.length > 100)
        problems.push(`${at}.custom_id: Must be between 1 and 100 in length.`);
    });
  });
}

/** Problems with autocomplete choices (callback type 8). */
export function choiceProblems(data: Json): string[] {
  const choices = Array.isArray(data['choices']) ? data['choices'].filter(isObject) : [];
  const problems = choices.length > 25 ? ['choices: Must be 25 or fewer in length.'] : [];
  choices.forEach((choice, i) => {
    const name = textLength(choice['name']);
    if (name < 1 || name > 100) problems.push(`choices.${i}.name: Must be between 1 and 100 in length.`);
    if (textLength(choice['value']) > 100) problems.push(`choices.${i}.value: Must be 100 or fewer in length.`);
  });
  return problems;
}
