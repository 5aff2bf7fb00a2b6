/**
 * The file discord.js's ShardingManager forks once per shard when DISCORD_SHARDS is set (see
 * `sharding.ts`). It is `npm start` itself: `adapters/main.ts` finds the shard discord.js put in SHARDS
 * and SHARD_COUNT, loads its own index of the corpus, and starts only the Discord front door, as that
 * one shard. It stops when the manager says so, or goes away.
 */
import '../main.js';
