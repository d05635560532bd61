package dev.kubesdk.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The events of one watch request, read from the open HTTP response as they arrive. Created by
 * {@link ApiClient#watch} (or a generated {@code watch()} method).
 *
 * <pre>{@code
 * try (Watch<V1Pod> watch = core.listNamespacedPod("shop").resourceVersion(rv).watch()) {
 *   for (WatchEvent<V1Pod> event : watch) {
 *     System.out.println(event.type() + " " + event.object().getMetadata().getName());
 *   }
 * } catch (GoneException e) {
 *   // the resourceVersion expired: list again and watch from the new list's resourceVersion
 * }
 * }</pre>
 *
 * <p>Not thread-safe, except {@link #close()}: events are read and decoded on the thread that calls
 * {@link #hasNext()} or {@link #next()}, which blocks until the next event arrives; nothing runs in
 * the background. Any thread may call {@link #close()} to stop the watch; the reading thread then
 * sees the end of the events. Iteration ends normally when the server ends the watch (after {@code
 * timeoutSeconds}, or about every 30 to 60 minutes by default) or after {@code close()}. An {@code
 * ERROR} event is thrown as an {@link ApiException} ({@link GoneException} when the
 * resourceVersion expired); a connection lost mid-stream is thrown as a {@link TransportException}.
 * Either way the watch is closed. The iterator can be taken once.
 *
 * @param <T> the model type of the watched objects
 */
public final class Watch<T> implements Iterator<WatchEvent<T>>, Iterable<WatchEvent<T>>, AutoCloseable {
  private final Call call;
  private final Response response;
  private final JsonReader reader;
  private final Type objectType;
  private final String method;
  private final String path;
  private final String url;
  private final Runnable onEnd;
  // Held by the reading thread while it reads, so that close() from another thread only cancels the
  // call and leaves closing the response to the reader (okio streams are not thread-safe).
  private final ReentrantLock readLock = new ReentrantLock();
  private volatile boolean closed;
  private boolean iterated;
  private boolean finished;
  private @Nullable WatchEvent<T> next;

  Watch(Call call, Response response, Type objectType, ApiRequest request, String url, Runnable onEnd) {
    this.call = call;
    this.onEnd = onEnd;
    this.response = response;
    this.objectType = objectType;
    this.method = request.method();
    this.path = request.path();
    this.url = url;
    // The body is a sequence of JSON objects, one per line.
    this.reader = Json.sequenceReaderFor(response.body().byteStream(), objectType);
  }

  /** This watch, as an iterator; can be called once. */
  @Override
  public Iterator<WatchEvent<T>> iterator() {
    if (iterated) {
      throw new IllegalStateException("a Watch can be iterated once; start a new watch to read the events again");
    }
    iterated = true;
    return this;
  }

  /**
   * Waits for the next event; false when the server ended the watch or it was closed.
   *
   * @throws ApiException for an {@code ERROR} event ({@link GoneException} for 410)
   * @throws TransportException when the connection broke mid-stream
   */
  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (finished || closed) {
      finish();
      return false;
    }
    readLock.lock();
    try {
      next = readEvent();
      return next != null;
    } finally {
      if (finished || closed) {
        response.close();
      }
      readLock.unlock();
    }
  }

  /**
   * The next event, waiting for it.
   *
   * @throws NoSuchElementException when the watch has ended
   */
  @Override
  public WatchEvent<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the watch of " + path + " has ended");
    }
    WatchEvent<T> event = next;
    next = null;
    return event;
  }

  /** Stops the watch: cancels the HTTP call and releases the connection. Safe from any thread. */
  @Override
  public void close() {
    closed = true;
    onEnd.run();
    call.cancel();
    if (readLock.tryLock()) {
      try {
        response.close();
      } finally {
        readLock.unlock();
      }
    }
  }

  private void finish() {
    finished = true;
    onEnd.run();
  }

  private @Nullable WatchEvent<T> readEvent() {
    try {
      JsonToken next;
      try {
        next = reader.peek();
      } catch (EOFException e) {
        // gson reports a body without any event (the server's timeoutSeconds ran out before anything
        // changed) as an EOF at the first peek; between events a clean end is END_DOCUMENT.
        next = JsonToken.END_DOCUMENT;
      }
      if (next == JsonToken.END_DOCUMENT) {
        finish();
        return null;
      }
      String type = null;
      T object = null;
      JsonElement early = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "type" -> type = reader.nextString();
          case "object" -> {
            if (type == null || type.equals("ERROR")) {
              // The API server writes "type" first; only an unusual order or an error (small, rare)
              // goes through a tree.
              early = JsonParser.parseReader(reader);
            } else {
              object = Json.read(reader, objectType);
            }
          }
          default -> reader.skipValue();
        }
      }
      reader.endObject();
      if (type == null) {
        throw failure("a watch event without \"type\"");
      }
      if (type.equals("ERROR")) {
        throw error(early == null ? "" : early.toString());
      }
      WatchEvent.Type kind;
      try {
        kind = WatchEvent.Type.valueOf(type);
      } catch (IllegalArgumentException e) {
        throw failure("a watch event of unknown type \"" + type + "\"");
      }
      if (early != null && !early.isJsonNull()) {
        object = Json.gson().fromJson(early, objectType);
      }
      if (object == null) {
        throw failure("a " + type + " watch event without \"object\"");
      }
      return new WatchEvent<>(kind, object);
    } catch (JsonParseException e) {
      if (e.getCause() instanceof IOException io && !(io instanceof MalformedJsonException)) {
        return lost(io);
      }
      throw failure("a watch event that does not decode as " + typeName() + ": " + e.getMessage());
    } catch (NumberFormatException e) {
      throw failure("a watch event that does not decode as " + typeName() + ": " + e.getMessage());
    } catch (MalformedJsonException | IllegalStateException e) {
      throw failure("a watch stream that is not JSON: " + e.getMessage());
    } catch (IOException e) {
      return lost(e);
    }
  }

  private @Nullable WatchEvent<T> lost(IOException e) {
    finish();
    if (closed) {
      // close() from another thread cancelled the call: that is the end of the events, not an error.
      return null;
    }
    throw TransportException.of(method, path, url, "the watch connection broke before the server ended it (" + e + "); watch again from the last resourceVersion seen", e);
  }

  private ApiException error(String statusJson) {
    finish();
    StatusFields status = StatusFields.parse(statusJson).orElse(null);
    int code = status == null || status.code() == 0 ? 500 : status.code();
    return new HttpFailure(method, path, code, headers(), statusJson, false, status, null).toException();
  }

  private ApiException failure(String problem) {
    finish();
    return new HttpFailure(method, path, response.code(), headers(), "", false, null, "the server sent " + problem).toException();
  }

  private Map<String, List<String>> headers() {
    return response.headers().toMultimap();
  }

  private String typeName() {
    return objectType instanceof Class<?> c ? c.getSimpleName() : objectType.getTypeName();
  }
}
