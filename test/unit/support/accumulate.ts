// Merges a whole sequence of chat chunks at once, for tests of the merge rules.
import {
  ChatCompletionAccumulator,
  type ChatCompletionChunkLike,
  type ChatCompletionLike,
} from '../../../src/streams/chat';

/** Merges `chunks` in order: see `ChatCompletionAccumulator` for the rules. */
export function accumulateChunks(chunks: Iterable<ChatCompletionChunkLike>): ChatCompletionLike {
  const accumulator = new ChatCompletionAccumulator();
  for (const chunk of chunks) accumulator.add(chunk);
  return accumulator.result();
}
