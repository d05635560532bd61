package dev.kubesdk.controller.internal;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.kubesdk.api.model.V1ListMeta;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of any list response, {@code {"metadata": {...}, "items": [...]}}, whatever its kind: the
 * informer and the pager read every {@code *List} model (and custom resource lists) through it, so
 * they need no per-kind list class. Read-only; fields other than {@code metadata} and {@code items}
 * are skipped.
 *
 * @param <T> the item type
 */
@JsonAdapter(Page.AdapterFactory.class)
public final class Page<T> {
  private final @Nullable V1ListMeta metadata;
  private final List<T> items;

  private Page(@Nullable V1ListMeta metadata, List<T> items) {
    this.metadata = metadata;
    this.items = items;
  }

  /** The type of a page of {@code itemType}, for {@code ApiClient.execute}. */
  public static Type of(Type itemType) {
    return TypeToken.getParameterized(Page.class, itemType).getType();
  }

  /** The pages of one list joined: their items under the first page's resourceVersion. */
  static <T> Page<T> combined(String resourceVersion, List<T> items) {
    return new Page<>(new V1ListMeta().resourceVersion(resourceVersion), items);
  }

  /** {@code metadata.resourceVersion}, empty when the server sent none. */
  public String resourceVersion() {
    return metadata == null || metadata.getResourceVersion() == null ? "" : metadata.getResourceVersion();
  }

  /** {@code metadata.continue}, empty on the last page. */
  public String continueToken() {
    return metadata == null || metadata.getContinue() == null ? "" : metadata.getContinue();
  }

  /** The items, in the server's order. */
  public List<T> items() {
    return items;
  }

  /** Reads pages with the items' own adapter, straight from the stream. Found by Gson through {@code @JsonAdapter}. */
  public static final class AdapterFactory implements TypeAdapterFactory {
    /** Made by Gson. */
    public AdapterFactory() {}

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <A> @Nullable TypeAdapter<A> create(Gson gson, TypeToken<A> type) {
      if (type.getRawType() != Page.class || !(type.getType() instanceof ParameterizedType p)) {
        return null;
      }
      TypeAdapter<?> item = gson.getAdapter(TypeToken.get(p.getActualTypeArguments()[0]));
      TypeAdapter<V1ListMeta> meta = gson.getAdapter(V1ListMeta.class);
      return (TypeAdapter<A>) new PageAdapter(item, meta);
    }
  }

  private static final class PageAdapter<T> extends TypeAdapter<Page<T>> {
    private final TypeAdapter<T> item;
    private final TypeAdapter<V1ListMeta> meta;

    PageAdapter(TypeAdapter<T> item, TypeAdapter<V1ListMeta> meta) {
      this.item = item;
      this.meta = meta;
    }

    @Override
    public void write(JsonWriter out, Page<T> value) {
      throw new UnsupportedOperationException("a list page is only ever read");
    }

    @Override
    public @Nullable Page<T> read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      V1ListMeta metadata = null;
      List<T> items = new ArrayList<>();
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "metadata" -> metadata = meta.read(in);
          case "items" -> {
            if (in.peek() == JsonToken.NULL) {
              in.nextNull();
            } else {
              in.beginArray();
              while (in.hasNext()) {
                T value = item.read(in);
                if (value != null) {
                  items.add(value);
                }
              }
              in.endArray();
            }
          }
          default -> in.skipValue();
        }
      }
      in.endObject();
      return new Page<>(metadata, items);
    }
  }
}
