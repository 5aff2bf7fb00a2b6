/**
 * What Storybot's shard processes and their ShardingManager say to each other over the IPC channel,
 * beside discord.js's own messages: `reload-corpus` (re-read CORPUS_DIR: SIGHUP to the manager, or
 * `/corpus reload` on one shard, reaches every shard) and `stop` (finish the replies in flight, then exit).
 */
export type ShardMessage = { readonly storybot: 'reload-corpus' | 'stop' };

export const reloadCorpusMessage: ShardMessage = { storybot: 'reload-corpus' };
export const stopMessage: ShardMessage = { storybot: 'stop' };

/** Whether an IPC message is Storybot's `kind` (discord.js's own messages are objects of other shapes). */
export function isShardMessage(message: unknown, kind: ShardMessage['storybot']): boolean {
  return typeof message === 'object' && message !== null && (message as Partial<ShardMessage>).storybot === kind;
}
