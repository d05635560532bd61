package dev.kubesdk.bench;

/**
 * How one contestant turns PodList JSON bytes into its objects and back, through the same calls its
 * client makes for an HTTP body. Implementations are thread-safe and keep no per-call state.
 */
public interface Codec {
  /** Reads a PodList from UTF-8 JSON bytes. */
  Object parse(byte[] json);

  /** Writes what {@link #parse} returned back to UTF-8 JSON bytes. */
  byte[] write(Object podList);

  /** How many pods {@code podList} holds, to check that a parse read every item. */
  int itemCount(Object podList);
}
